using Bunit;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Settings;

/// <summary>The settings page on a real SQLite file, as an Admin.</summary>
public sealed class SettingsPageTests : MudTestContext, IAsyncLifetime
{
    private DomainHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync();
        // The queue and widget services re-read the actor's role in the database: the signed-in user below is this agent.
        await _harness.StoredAgentAsync(id: "admin-1");
        Services.AddSingleton(_harness.Get<QueueAdministration>());
        Services.AddSingleton(_harness.Get<WidgetSettingsStore>());
        Services.AddSingleton(_harness.Get<ConversationRetention>());
        Services.AddSingleton(_harness.Get<CustomerErasure>());
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

    [Fact]
    public void Lists_the_queues_with_their_hours_and_the_embed_snippet()
    {
        var cut = Render<SettingsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["General"], QueueNames(cut)));
        Assert.Equal("Always open", cut.Find("td[data-label='Business hours']").TextContent.Trim());
        Assert.Equal("<script src=\"http://localhost/widget/cornerspot.js\" data-queue=\"general\" async></script>", cut.Find("#embed-snippet").TextContent);
    }

    [Fact]
    public async Task Turning_the_callback_form_off_is_stored()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(["General"], QueueNames(cut)));

        cut.Find("input[type=checkbox][aria-label='Callback form for General']").Change(false);

        await using var db = _harness.Db();
        cut.WaitForAssertion(() => Assert.False(db.Queues.AsNoTracking().Single(q => q.Slug == Queue.DefaultSlug).CallbackEnabled));
    }

    [Fact]
    public async Task Saving_something_that_is_not_an_origin_shows_why_and_keeps_the_old_list()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(["General"], QueueNames(cut)));

        cut.Find("#allowed-origins").Change("shop.example.com/pricing");
        cut.Find("#save-origins").Click();

        cut.WaitForAssertion(() => Assert.Contains("is not an origin", cut.Find(".mud-input-error").TextContent));
        Assert.Equal(["*"], await _harness.Get<WidgetSettingsStore>().GetAllowedOriginsAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Countries_typed_in_a_queue_row_limit_its_callbacks_to_those_countries()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(["General"], QueueNames(cut)));

        cut.Find("input[aria-label='Callback countries for General']").Change("gb ie");

        await using var db = _harness.Db();
        cut.WaitForAssertion(() => Assert.Equal("GB,IE", db.Queues.AsNoTracking().Single(q => q.Slug == Queue.DefaultSlug).AllowedCountries));
        cut.WaitForAssertion(() => Assert.Equal("GB, IE", cut.Find("input[aria-label='Callback countries for General']").GetAttribute("value")));
    }

    private static IEnumerable<string> QueueNames(IRenderedComponent<SettingsPage> cut) =>
        cut.FindAll("td[data-label=Queue] .mud-typography-body1").Select(e => e.TextContent.Trim());
}
