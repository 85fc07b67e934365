using Bunit;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Webhooks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CornerSpot.Tests.Components.Settings;

/// <summary>The webhooks settings page on a real SQLite file, as an Admin.</summary>
public sealed class WebhooksPageTests : MudTestContext, IAsyncLifetime
{
    private DomainHarness _harness = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync();
        await _harness.StoredAgentAsync(id: "admin-1");
        Services.AddSingleton(_harness.Get<WebhookEndpoints>());
        Services.AddSingleton(_harness.Get<WebhookDeliveries>());
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "admin-1"));
        RenderInteractively();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<WebhooksPage> Page) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Contains("No endpoints yet", page.Markup));
        return (dialogs, page);
    }

    private static void AddEndpoint(IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<WebhooksPage> page, string url)
    {
        page.Find("#add-webhook").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#webhook-url")));
        dialogs.Find("#webhook-url").Change(url);
        dialogs.Find("#save-webhook").Click();
    }

    [Fact]
    public async Task Adding_an_endpoint_shows_its_secret_once()
    {
        var (dialogs, page) = RenderPage();

        AddEndpoint(dialogs, page, "https://crm.example.com/hooks");

        dialogs.WaitForAssertion(() => Assert.StartsWith(WebhookSecret.Prefix, dialogs.Find("#webhook-secret").GetAttribute("value")));
        var secret = dialogs.Find("#webhook-secret").GetAttribute("value")!;
        Assert.Contains("it is shown only once", dialogs.Markup);
        page.WaitForAssertion(() => Assert.Contains("https://crm.example.com/hooks", page.Markup));

        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Done").Click();
        var again = Render<WebhooksPage>();
        again.WaitForAssertion(() => Assert.Contains("https://crm.example.com/hooks", again.Markup));
        Assert.DoesNotContain(secret, again.Markup + dialogs.Markup);
        await using var db = _harness.Db();
        Assert.DoesNotContain(secret[WebhookSecret.Prefix.Length..], (await db.WebhookEndpoints.SingleAsync(Ct)).ProtectedSecret);
    }

    [Fact]
    public async Task A_private_address_is_refused_in_the_dialog_with_the_reason()
    {
        var (dialogs, page) = RenderPage();

        AddEndpoint(dialogs, page, "http://169.254.169.254/latest/meta-data/");

        dialogs.WaitForAssertion(() => Assert.Contains("private network", dialogs.Find(".mud-input-error").TextContent));
        await using var db = _harness.Db();
        Assert.False(await db.WebhookEndpoints.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_delivery_log_shows_each_attempt_and_Resend_queues_the_message_again()
    {
        await _harness.Get<WebhookEndpoints>().CreateAsync(Principals.Admin, "https://crm.example.com/hooks", WebhookEventType.CallbackRequested, true, Ct);
        await _harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct);
        var deliveries = _harness.Get<WebhookDeliveries>();
        var claim = (await deliveries.ClaimDueAsync("node-1", 1, Ct)).Single();
        await deliveries.RecordAsync(claim, _harness.Clock.GetUtcNow().UtcDateTime,
            new WebhookSendResult(503, TimeSpan.FromMilliseconds(42), "The endpoint answered 503 Service Unavailable."), Ct);
        Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Contains("https://crm.example.com/hooks", page.Markup));

        page.Find("button[aria-label='Delivery log of https://crm.example.com/hooks']").Click();

        page.WaitForAssertion(() => Assert.Equal("503", page.Find("#webhook-log td[data-label='Status'] .mud-chip").TextContent.Trim()));
        Assert.Equal("42 ms", page.Find("#webhook-log td[data-label='Duration']").TextContent.Trim());
        Assert.Equal("1", page.Find("#webhook-log td[data-label='Attempt']").TextContent.Trim());
        page.FindAll("#webhook-log button").Single(b => b.TextContent.Trim() == "Resend").Click();

        await using var db = _harness.Db();
        page.WaitForAssertion(() => Assert.Equal(_harness.Clock.GetUtcNow().UtcDateTime,
            db.WebhookOutbox.AsNoTracking().Single().NextAttemptAt));
    }
}
