using System.Security.Claims;
using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>The inbox page working the open callback on a real SQLite file, as the signed-in agent.</summary>
public sealed class InboxCallbackWorkTests : InboxTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private async Task<(IRenderedComponent<InboxPage> Page, Guid CallbackId)> OpenAdaAsync()
    {
        var receipt = await Harness.CallbackAsync(new CallbackSubmission { Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB" });
        Auth.SetAuthorized("Grace Hopper");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "grace"));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/dashboard/chat/inbox/{receipt.ConversationId}");
        var cut = Render<InboxPage>(p => p.Add(x => x.ConversationId, receipt.ConversationId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=im-calling]")));
        return (cut, receipt.Id);
    }

    private IReadOnlyList<string> Snackbars => [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "")];

    [Fact]
    public async Task I_m_calling_claims_as_the_signed_in_agent()
    {
        var (cut, id) = await OpenAdaAsync();

        cut.Find("[data-testid=im-calling]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("You're calling", cut.Find("[data-testid=claim-status]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=log-call]"));
        await using var db = Harness.Db();
        var stored = await db.CallbackRequests.SingleAsync(c => c.Id == id, Ct);
        Assert.Equal(("grace", "Grace Hopper"), (stored.ClaimedById, stored.ClaimedByName));
    }

    [Fact]
    public async Task A_claim_lost_to_a_teammate_shows_who_is_calling_and_no_error()
    {
        var (cut, id) = await OpenAdaAsync();
        // Bea's click landed first, and this page has not heard of it yet.
        await using (var db = Harness.Db())
            await db.CallbackRequests.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ClaimedById, "bea").SetProperty(c => c.ClaimedByName, "Bea Baker")
                .SetProperty(c => c.ClaimedAt, Harness.Clock.GetUtcNow().UtcDateTime), Ct);

        cut.Find("[data-testid=im-calling]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Bea Baker is calling", cut.Find("[data-testid=claim-status]").TextContent.Trim()));
        Assert.Contains("Bea Baker is already calling", Snackbars);
        Assert.DoesNotContain(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Severity == Severity.Error);
    }

    [Fact]
    public async Task Log_call_with_No_answer_counts_an_attempt_and_shows_the_next_try()
    {
        var dialogs = Render<MudDialogProvider>();
        var (cut, _) = await OpenAdaAsync();
        cut.Find("[data-testid=im-calling]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=log-call]")));

        cut.Find("[data-testid=log-call]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-radio")));
        dialogs.FindAll(".mud-radio").Single(r => r.TextContent.Trim() == "No answer").QuerySelector("input")!.Click();
        dialogs.Find("#log-call-note").Input("Rang out");
        dialogs.Find("[data-testid=log-call-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Attempt 1 of 3", cut.Find("[data-testid=callback-attempts]").TextContent.Trim()));
        Assert.Contains("Next try", cut.Find("[data-testid=callback-next-try]").TextContent);
        Assert.Equal("Pending", cut.Find("[data-testid=callback-card] [data-status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=claim-status]"));
    }

    [Fact]
    public async Task The_c_shortcut_claims_and_r_resolves()
    {
        var (cut, id) = await OpenAdaAsync();

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("c"));
        cut.WaitForAssertion(() => Assert.StartsWith("You're calling", cut.Find("[data-testid=claim-status]").TextContent.Trim()));
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("r"));

        cut.WaitForAssertion(() => Assert.Equal("Resolved", cut.Find("[data-testid=callback-card] [data-status]").TextContent.Trim()));
        await using var db = Harness.Db();
        Assert.Equal(CallbackStatus.Resolved, (await db.CallbackRequests.SingleAsync(c => c.Id == id, Ct)).Status);
    }

    [Fact]
    public async Task The_question_mark_shortcut_lists_the_shortcuts()
    {
        var dialogs = Render<MudDialogProvider>();
        var (cut, _) = await OpenAdaAsync();

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("?"));

        dialogs.WaitForAssertion(() => Assert.Contains("Mark resolved", dialogs.Find(".cs-keys").TextContent));
        Assert.Equal(7, dialogs.FindAll(".cs-keys dt").Count);
    }
}
