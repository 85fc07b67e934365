using CornerSpot.Domain.Live;

namespace CornerSpot.Domain.Inbox;

/// <summary>
/// The inbox list for open consoles: one database read per distinct view (the filter with its page; and the agent, for
/// "Mine" only) per inbox event, however many consoles show that view, instead of one per console. Every other view is
/// read once for every agent and made theirs in memory (<see cref="SharedInboxListing.For"/>).
/// </summary>
public sealed class SharedInboxReads : IDisposable
{
    /// <summary>How long one read may serve without an event; covers writes that publish none.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    /// <summary>Distinct views kept per generation; far more than agents page through at once.</summary>
    private const int MaxViews = 500;

    private readonly InboxQuery _query;
    private readonly SharedReads<(InboxFilter Filter, string? AgentId), SharedInboxListing> _reads;

    public SharedInboxReads(InboxQuery query, IInboxEvents events, TimeProvider clock)
    {
        _query = query;
        // Built when the first console is given it, so before that console subscribes (see SharedReads).
        _reads = new SharedReads<(InboxFilter, string?), SharedInboxListing>(events, clock, MaxAge, MaxViews);
    }

    /// <summary>What <see cref="InboxQuery.ListAsync(InboxFilter, string?, CancellationToken)"/> answers, read at most once
    /// per view per event. <paramref name="ct"/> stops this caller's wait only, never a read others share.</summary>
    /// <param name="fresh">Read now, not what this event's earlier read found (after a write that may publish nothing).</param>
    public async Task<InboxListing> ListAsync(InboxFilter filter, string? agentId, CancellationToken ct, bool fresh = false)
    {
        if (filter.Assignee == InboxAssignee.Me)
        {
            var mine = await _reads.GetAsync((filter, agentId), async readCt =>
                new SharedInboxListing(await _query.ListAsync(filter, agentId, readCt), new HashSet<(Guid, string)>()), ct, fresh);
            return mine.Listing;
        }
        var shared = await _reads.GetAsync((filter, null), readCt => _query.ListForEveryoneAsync(filter, readCt), ct, fresh);
        return shared.For(agentId);
    }

    public void Dispose() => _reads.Dispose();
}
