using System.Data.Common;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Components.Inbox;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Inbox;

/// <summary>Many open consoles, one read per view per event.</summary>
public sealed class SharedInboxReadsTests : IAsyncLifetime
{
    private readonly ListQueryCounter _listQueries = new();
    private readonly PendingCountQueries _countQueries = new();
    private readonly HeldListQueries _held = new();
    private DomainHarness _harness = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SharedInboxReads Lists => _harness.Get<SharedInboxReads>();

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(services =>
        {
            services.AddSingleton<IInterceptor>(_listQueries);
            services.AddSingleton<IInterceptor>(_countQueries);
            services.AddSingleton<IInterceptor>(_held);
        });
        // Built before the first arrival, as the first console builds it.
        _ = Lists;
        _ = _harness.Get<PendingCallbackCount>();
        await _harness.CallbackAsync(new CallbackSubmission { Name = "Ada Lovelace", Phone = "+442079460958" });
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private Task<InboxListing[]> TwentyConsolesAsync(InboxFilter filter) =>
        Task.WhenAll(Enumerable.Range(0, 20).Select(i => Lists.ListAsync(filter, $"agent-{i % 4}", Ct)));

    [Fact]
    public async Task Twenty_consoles_showing_one_view_make_one_list_query_per_arrival()
    {
        await TwentyConsolesAsync(new InboxFilter());
        var before = _listQueries.Count;

        await _harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });
        var pages = await TwentyConsolesAsync(new InboxFilter());

        Assert.Equal(1, _listQueries.Count - before);
        Assert.All(pages, p => Assert.Equal(2, p.Total));
    }

    [Fact]
    public async Task Twenty_consoles_asking_at_once_make_one_count_query_per_arrival()
    {
        var count = _harness.Get<PendingCallbackCount>();
        await _harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });
        var before = _countQueries.Count;

        var waiting = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => count.GetWaitingAsync(Ct)));

        Assert.Equal(1, _countQueries.Count - before);
        Assert.All(waiting, w => Assert.Equal(2, w));
    }

    [Fact]
    public async Task Two_views_make_two_list_queries()
    {
        var before = _listQueries.Count;

        await Task.WhenAll(TwentyConsolesAsync(new InboxFilter()), TwentyConsolesAsync(new InboxFilter(Status: InboxStatusFilter.Pending)));

        Assert.Equal(2, _listQueries.Count - before);
    }

    [Fact]
    public async Task A_console_reacting_to_an_arrival_never_gets_the_list_from_before_it()
    {
        Assert.Equal(1, (await Lists.ListAsync(new InboxFilter(), "agent-1", Ct)).Total);

        // The app's clock stands still: only the event can tell the read is out of date.
        await _harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });

        var page = await Lists.ListAsync(new InboxFilter(), "agent-1", Ct);
        Assert.Equal(["Grace Hopper", "Ada Lovelace"], page.Rows.Select(r => r.CustomerName));
    }

    [Fact]
    public async Task An_arrival_during_a_read_makes_the_next_console_read_again()
    {
        var before = _listQueries.Count;
        _held.Hold();
        var early = Lists.ListAsync(new InboxFilter(), "agent-1", Ct);
        await _held.Started.Task.WaitAsync(Ct);

        await _harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });
        _held.Release();
        await early;

        Assert.Equal(2, (await Lists.ListAsync(new InboxFilter(), "agent-2", Ct)).Total);
        Assert.Equal(2, _listQueries.Count - before);
    }

    [Fact]
    public async Task One_console_going_away_does_not_cancel_the_read_the_others_wait_for()
    {
        _held.Hold();
        using var closing = new CancellationTokenSource();
        var closed = Lists.ListAsync(new InboxFilter(), "agent-1", closing.Token);
        var staying = Lists.ListAsync(new InboxFilter(), "agent-2", Ct);
        await _held.Started.Task.WaitAsync(Ct);

        await closing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closed);
        _held.Release();

        Assert.Equal(["Ada Lovelace"], (await staying).Rows.Select(r => r.CustomerName));
    }

    [Fact]
    public async Task Each_agent_sees_you_re_calling_only_on_the_callback_they_claimed_from_one_shared_read()
    {
        var callbackId = _harness.Db().CallbackRequests.Single().Id;
        await _harness.Get<CallbackWork>().ClaimAsync(callbackId, new CallingAgent("agent-1", "Grace Hopper"), takeOver: false, Ct);
        var before = _listQueries.Count;

        var mine = await Lists.ListAsync(new InboxFilter(), "agent-1", Ct);
        var theirs = await Lists.ListAsync(new InboxFilter(), "agent-2", Ct);

        Assert.True(mine.Rows.Single().CallingIsYou);
        Assert.False(theirs.Rows.Single().CallingIsYou);
        Assert.Equal("Grace Hopper", theirs.Rows.Single().CallingAgentName);
        Assert.Equal(1, _listQueries.Count - before);
    }

    [Fact]
    public async Task A_console_s_own_step_reads_afresh_a_change_that_published_no_event()
    {
        Assert.Null((await Lists.ListAsync(new InboxFilter(), "agent-1", Ct)).Rows.Single().CallingAgentName);
        // A teammate's claim this console has not heard of (its step then finds it and changes nothing).
        await using (var db = _harness.Db())
            await db.CallbackRequests.ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedById, "bea")
                .SetProperty(c => c.ClaimedByName, "Bea Baker").SetProperty(c => c.ClaimedAt, _harness.Clock.GetUtcNow().UtcDateTime), Ct);

        var page = await Lists.ListAsync(new InboxFilter(), "agent-1", Ct, fresh: true);

        Assert.Equal("Bea Baker", page.Rows.Single().CallingAgentName);
    }

    [Fact]
    public async Task Mine_is_read_for_each_agent()
    {
        var callbackId = _harness.Db().CallbackRequests.Single().Id;
        await _harness.Get<CallbackWork>().ClaimAsync(callbackId, new CallingAgent("agent-1", "Grace Hopper"), takeOver: false, Ct);
        var filter = new InboxFilter(Assignee: InboxAssignee.Me);

        Assert.Equal(1, (await Lists.ListAsync(filter, "agent-1", Ct)).Total);
        Assert.Equal(0, (await Lists.ListAsync(filter, "agent-2", Ct)).Total);
    }
}

/// <summary>Holds the inbox list's page query, when asked to, until released.</summary>
internal sealed class HeldListQueries : DbCommandInterceptor
{
    private volatile TaskCompletionSource? _gate;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (_gate is { } gate && command.CommandText.Contains("ORDER BY \"c\".\"LastActivityAt\" DESC", StringComparison.Ordinal))
        {
            Started.TrySetResult();
            await gate.Task;
        }
        return result;
    }
}
