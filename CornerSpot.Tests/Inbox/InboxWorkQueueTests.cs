using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Inbox;

/// <summary>"Due first" and the claim filter: the inbox as a list of calls to make.</summary>
public sealed class InboxWorkQueueTests : IAsyncLifetime
{
    private static readonly CallingAgent Ada = new("agent-ada", "Ada Agent");
    private static readonly CallingAgent Bob = new("agent-bob", "Bob Agent");

    private DomainHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await DomainHarness.CreateAsync();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<CallbackReceipt> CallbackAsync(string name, string phone, double? windowFromNowHours = null, double hours = 1)
    {
        var start = _h.Clock.GetUtcNow().AddHours(windowFromNowHours ?? 0);
        return await _h.CallbackAsync(new CallbackSubmission
        {
            Name = name, Phone = phone,
            PreferredWindow = windowFromNowHours is null ? null : new TimeWindow { Start = start, End = start.AddHours(hours) },
        });
    }

    private Task<InboxListing> List(InboxFilter filter, CallingAgent? agent = null) =>
        _h.Get<InboxQuery>().ListAsync(filter, agent?.Id, Ct);

    private Task ClaimAsync(CallbackReceipt callback, CallingAgent agent) =>
        _h.Get<CallbackWork>().ClaimAsync(callback.Id, agent, takeOver: false, Ct);

    [Fact]
    public async Task Due_first_lists_overdue_then_by_next_due_time_then_conversations_without_a_pending_callback()
    {
        var overdue = await CallbackAsync("Overdue", "+44 20 7946 0001", windowFromNowHours: 0.5);      // 10:30–11:30
        var later = await CallbackAsync("Later", "+44 20 7946 0002", windowFromNowHours: 4, hours: 2);   // 14:00–16:00
        var asap = await CallbackAsync("Asap", "+44 20 7946 0003");                                      // due since 10:02
        var retry = await CallbackAsync("Retry", "+44 20 7946 0004", windowFromNowHours: 3, hours: 3);   // 13:03–16:03, next try 12:30
        var chat = await _h.ChatAsync("Chat", "+447700900123", "Just a question");
        await using (var db = _h.Db())
        {
            await db.CallbackRequests.Where(c => c.Id == retry.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTryAt, DomainHarness.Start.UtcDateTime.AddHours(2.5)), Ct);
        }
        _h.Clock.SetUtcNow(DomainHarness.Start.AddHours(2));

        var page = await List(InboxFilter.Pending with { Status = InboxStatusFilter.All, Sort = InboxSort.Due });

        Assert.Equal([overdue.ConversationId, asap.ConversationId, retry.ConversationId, later.ConversationId, chat],
            page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Due_first_breaks_a_tie_by_the_oldest_request()
    {
        var first = await CallbackAsync("First", "+44 20 7946 0001", windowFromNowHours: 3);
        var second = await CallbackAsync("Second", "+44 20 7946 0002", windowFromNowHours: 3 - 1.0 / 60);

        var page = await List(new InboxFilter(Sort: InboxSort.Due));

        Assert.Equal([first.ConversationId, second.ConversationId], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Mine_lists_only_the_callbacks_the_agent_is_calling()
    {
        var adas = await CallbackAsync("Ada's", "+44 20 7946 0001");
        var bobs = await CallbackAsync("Bob's", "+44 20 7946 0002");
        await CallbackAsync("Nobody's", "+44 20 7946 0003");
        await ClaimAsync(adas, Ada);
        await ClaimAsync(bobs, Bob);

        var page = await List(new InboxFilter(Assignee: InboxAssignee.Me), Ada);

        Assert.Equal([adas.ConversationId], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Unclaimed_lists_pending_callbacks_nobody_is_calling_including_lapsed_claims()
    {
        var lapsed = await CallbackAsync("Lapsed", "+44 20 7946 0001");
        await ClaimAsync(lapsed, Bob);
        _h.Clock.Advance(_h.Get<CallbackOptions>().ClaimDuration);
        var claimed = await CallbackAsync("Claimed", "+44 20 7946 0002");
        await ClaimAsync(claimed, Ada);
        var free = await CallbackAsync("Free", "+44 20 7946 0003");
        await _h.ChatAsync("Chat", "+447700900123", "No callback here");

        var page = await List(new InboxFilter(Assignee: InboxAssignee.Unclaimed), Ada);

        Assert.Equal([free.ConversationId, lapsed.ConversationId], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_row_names_who_is_calling_and_whether_it_is_you()
    {
        var callback = await CallbackAsync("Visitor", "+44 20 7946 0001");
        await ClaimAsync(callback, Ada);

        var forAda = (await List(new InboxFilter(), Ada)).Rows.Single();
        var forBob = (await List(new InboxFilter(), Bob)).Rows.Single();
        _h.Clock.Advance(_h.Get<CallbackOptions>().ClaimDuration);
        var afterLapse = (await List(new InboxFilter(), Bob)).Rows.Single();

        Assert.Equal(("Ada Agent", true), (forAda.CallingAgentName, forAda.CallingIsYou));
        Assert.Equal(("Ada Agent", false), (forBob.CallingAgentName, forBob.CallingIsYou));
        Assert.Null(afterLapse.CallingAgentName);
    }
}
