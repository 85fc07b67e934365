using System.Data.Common;
using Bunit;
using Bunit.TestDoubles;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>The page on a real SQLite file: what the query string asks for is what the list shows.</summary>
public sealed class InboxPageTests : InboxTestContext
{
    private Guid _ada, _grace;
    private readonly ListQueryCounter _listQueries = new();

    protected override IEnumerable<IInterceptor> Interceptors => [_listQueries];

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    private async Task SeedAsync()
    {
        _ada = (await Harness.CallbackAsync(new CallbackSubmission
        {
            Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB", Note = "Question about my invoice",
            TimeZone = "Europe/London", Email = "ada@example.com",
        })).ConversationId;
        _grace = (await Harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+1 415 555 2671" })).ConversationId;
        await Harness.ChatAsync("Alan Turing", "+447700900123", "Is the enigma kit back in stock?");
    }

    /// <summary>Navigates (for the query string) and renders the page; bunit does not route, so the id is passed as the router would.</summary>
    private IRenderedComponent<InboxPage> Open(string url, Guid? conversationId = null)
    {
        Nav.NavigateTo(url);
        return Render<InboxPage>(p => p.Add(x => x.ConversationId, conversationId));
    }

    private static string[] Names(IRenderedComponent<InboxPage> cut) =>
        [.. cut.FindAll("[data-testid=conversation-row] .cs-row__name").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task Lists_every_conversation_newest_first()
    {
        await SeedAsync();

        var cut = Open("/dashboard/chat/inbox");

        cut.WaitForAssertion(() => Assert.Equal(["Alan Turing", "Grace Hopper", "Ada Lovelace"], Names(cut)));
        Assert.Equal("Live Chat Inbox", cut.Find("h1").TextContent.Trim());
        Assert.Equal("3 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim());
    }

    [Fact]
    public async Task Shows_what_the_query_string_asks_for()
    {
        await SeedAsync();

        var cut = Open("/dashboard/chat/inbox?q=07946%200958");

        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace"], Names(cut)));
    }

    [Fact]
    public async Task Choosing_a_status_in_the_filter_bar_changes_the_list()
    {
        await SeedAsync();
        var cut = Open("/dashboard/chat/inbox");
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Length));

        cut.Find("[role=group][aria-label=Status]").QuerySelectorAll("button").Single(e => e.TextContent.Trim() == "Open").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Alan Turing"], Names(cut)));
        Assert.EndsWith("?status=open", Nav.Uri);
    }

    [Fact]
    public async Task Rows_link_to_the_conversation_keeping_the_filters()
    {
        await SeedAsync();

        var cut = Open("/dashboard/chat/inbox?status=pending");

        cut.WaitForAssertion(() => Assert.Equal(
            $"/dashboard/chat/inbox/{_grace}?status=pending",
            cut.FindAll("[data-testid=conversation-row]")[0].GetAttribute("href")));
    }

    [Fact]
    public async Task An_empty_inbox_says_there_are_no_conversations_yet()
    {
        var cut = Open("/dashboard/chat/inbox");

        cut.WaitForAssertion(() => Assert.Contains("No conversations yet", cut.Find("[data-testid=inbox-empty]").TextContent));
    }

    [Fact]
    public async Task A_search_without_results_says_nothing_matches()
    {
        await SeedAsync();

        var cut = Open("/dashboard/chat/inbox?q=zebra");

        cut.WaitForAssertion(() => Assert.Contains("Nothing matches", cut.Find("[data-testid=inbox-empty]").TextContent));
    }

    [Fact]
    public async Task Opening_a_conversation_shows_messages_the_Customer_sidebar_and_the_callback_card()
    {
        await SeedAsync();

        var cut = Open($"/dashboard/chat/inbox/{_ada}", _ada);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=callback-card]")));
        Assert.Contains("would like a call back", cut.Find("[data-testid=message]").TextContent);
        var sidebar = cut.Find("[data-testid=customer-sidebar]");
        Assert.Contains("Customer", sidebar.TextContent);
        Assert.Equal("mailto:ada@example.com", cut.Find("[data-testid=customer-email]").GetAttribute("href"));
        Assert.Contains("Europe/London", cut.Find("[data-testid=customer-timezone]").TextContent);
    }

    [Fact]
    public async Task Mark_resolved_resolves_as_the_signed_in_agent()
    {
        await SeedAsync();
        Auth.SetAuthorized("Grace Hopper");
        var cut = Open($"/dashboard/chat/inbox/{_ada}", _ada);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=mark-resolved]")));

        cut.Find("[data-testid=mark-resolved]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Resolved by Grace Hopper", cut.Find("[data-testid=callback-resolved]").TextContent));
        Assert.Equal("Resolved", cut.Find("[data-testid=callback-card] [data-status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=mark-resolved]"));
        await using var db = Harness.Db();
        Assert.Equal(CallbackStatus.Resolved, db.CallbackRequests.Single(c => c.ConversationId == _ada).Status);
    }

    [Fact]
    public async Task A_resolution_by_someone_else_shows_up_without_a_reload()
    {
        await SeedAsync();
        var cut = Open($"/dashboard/chat/inbox/{_ada}", _ada);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=mark-resolved]")));
        var callbackId = Harness.Db().CallbackRequests.Single(c => c.ConversationId == _ada).Id;

        await Harness.Get<CallbackWork>().ResolveAsync(callbackId, new CallingAgent("x", "Alan Turing"), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Contains("Resolved by Alan Turing", cut.Find("[data-testid=callback-resolved]").TextContent));
    }

    [Fact]
    public async Task Unsubscribes_from_inbox_events_when_disposed()
    {
        var events = Harness.Get<IInboxEvents>();
        // The app's own singletons (the inbox query's pending count) listen too; the page adds exactly one.
        var before = events.SubscriberCount;
        Open("/dashboard/chat/inbox");
        Assert.Equal(before + 1, events.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, events.SubscriberCount);
    }

    [Fact]
    public async Task A_new_callback_appears_at_the_top_without_a_reload_with_a_snackbar()
    {
        await SeedAsync();
        var cut = Open("/dashboard/chat/inbox");
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Length));
        Harness.Clock.Advance(TimeSpan.FromMinutes(1));

        await Harness.CallbackAsync(new CallbackSubmission { Name = "Katherine Johnson", Phone = "+1 202 555 0143" });

        cut.WaitForAssertion(() => Assert.Equal("Katherine Johnson", Names(cut)[0]));
        Assert.Equal("4 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim());
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();
        snackbar.WaitForAssertion(() => Assert.Contains("New callback request from Katherine Johnson", snackbar.Markup));
    }

    [Fact]
    public async Task A_new_callback_outside_the_current_filter_does_not_appear()
    {
        await SeedAsync();
        var cut = Open("/dashboard/chat/inbox?q=Ada");
        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace"], Names(cut)));

        await Harness.CallbackAsync(new CallbackSubmission { Name = "Katherine Johnson", Phone = "+1 202 555 0143" });
        await Harness.CallbackAsync(new CallbackSubmission { Name = "Ada Yonath", Phone = "+972 2 555 0100" });

        cut.WaitForAssertion(() => Assert.Equal(["Ada Yonath", "Ada Lovelace"], Names(cut)));
    }

    [Fact]
    public async Task A_burst_of_arrivals_re_queries_the_list_at_most_once_per_window()
    {
        UseLiveSettings(coalesceMilliseconds: 150, reconcileSeconds: 3600);
        var cut = Open("/dashboard/chat/inbox");
        cut.WaitForAssertion(() => Assert.Equal("0 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));
        var queriesBefore = _listQueries.Count;

        // All within one instant of the app's clock, as a burst is.
        var intake = Harness.Get<CallbackIntake>();
        for (var i = 0; i < 200; i++)
            await intake.SubmitAsync(new CallbackSubmission { Name = $"Visitor {i}", Phone = $"+44 20 7946 {i:0000}" }, null, Xunit.TestContext.Current.CancellationToken);
        cut.WaitForAssertion(() => Assert.Equal(1, _listQueries.Count - queriesBefore));
        Harness.Clock.Advance(TimeSpan.FromMilliseconds(150));

        cut.WaitForAssertion(() => Assert.Equal("200 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));
        // The first arrival re-queries at once; the other 199 wait for the window's end and make one more, not 199.
        Assert.Equal(2, _listQueries.Count - queriesBefore);
    }

    [Fact]
    public async Task After_a_quiet_spell_an_arrival_shows_without_waiting_for_the_window()
    {
        UseLiveSettings(coalesceMilliseconds: 150, reconcileSeconds: 3600);
        var cut = Open("/dashboard/chat/inbox");
        cut.WaitForAssertion(() => Assert.Equal("0 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));

        // The app's clock stands still: only a refresh that does not wait for the window can show it.
        await Harness.Get<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = "Katherine Johnson", Phone = "+1 202 555 0143" }, null, Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal(["Katherine Johnson"], Names(cut)));
    }

    [Fact]
    public async Task A_missed_event_is_repaired_by_the_periodic_reconciliation()
    {
        UseLiveSettings(coalesceMilliseconds: 0, reconcileSeconds: 30);
        var cut = Open("/dashboard/chat/inbox");
        cut.WaitForAssertion(() => Assert.Equal("0 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));

        // Written straight to the database: no event is published, as if it had been lost on the way.
        await Harness.ChatAsync("Alan Turing", "+447700900123", "Is the enigma kit back in stock?");
        Assert.Equal("0 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim());
        Harness.Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => Assert.Equal("1 conversation", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));
    }
}

/// <summary>Counts the inbox list's page queries (newest activity first) the app sends to SQLite.</summary>
internal sealed class ListQueryCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (command.CommandText.Contains("ORDER BY \"c\".\"LastActivityAt\" DESC", StringComparison.Ordinal)) Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
