using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Inbox;

/// <summary>The inbox list: one page at a time, newest activity first or due first, never the whole table.</summary>
public sealed class InboxQuery(
    IDbContextFactory<CornerSpotDb> dbFactory, ConversationSearch search, TimeProvider clock, CallbackOptions options, IConfiguration config)
{
    // PostgreSQL counts by visiting every row: an exact "of 1,000,000" costs a pass over the table on every page load and
    // live refresh. Past this many the list says "10,000+"; no agent pages that far.
    private readonly int _countLimit = Math.Max(1, config.GetValue("Inbox:CountLimit", 10_000));

    public Task<InboxListing> ListAsync(InboxFilter filter, CancellationToken ct) => ListAsync(filter, agentId: null, ct);

    /// <param name="agentId">The signed-in agent: "Mine" and "You're calling" are about them. Null matches no claim.</param>
    public Task<InboxListing> ListAsync(InboxFilter filter, string? agentId, CancellationToken ct) =>
        ListAsync(filter, agentId, clock.GetUtcNow().UtcDateTime, ct);

    /// <summary>The list as every agent sees it, with who is calling about each row, so that one read serves every
    /// agent (<see cref="SharedInboxListing.For"/>). Not for <see cref="InboxAssignee.Me"/>, which differs by agent.</summary>
    public async Task<SharedInboxListing> ListForEveryoneAsync(InboxFilter filter, CancellationToken ct)
    {
        if (filter.Assignee == InboxAssignee.Me) throw new ArgumentException("\"Mine\" is a different list for every agent.", nameof(filter));
        var now = clock.GetUtcNow().UtcDateTime;
        var listing = await ListAsync(filter, agentId: null, now, ct);
        var calledAbout = listing.Rows.Where(r => r.CallingAgentName is not null).Select(r => r.Id).ToList();
        if (calledAbout.Count == 0) return new SharedInboxListing(listing, new HashSet<(Guid, string)>());

        var claimedSince = now - options.ClaimDuration;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var callers = await db.CallbackRequests.AsNoTracking()
            .Where(cb => calledAbout.Contains(cb.ConversationId) && cb.Status == CallbackStatus.Pending
                && cb.ClaimedAt > claimedSince && cb.ClaimedById != null)
            .Select(cb => new { cb.ConversationId, cb.ClaimedById })
            .ToListAsync(ct);
        return new SharedInboxListing(listing, callers.Select(c => (c.ConversationId, c.ClaimedById!)).ToHashSet());
    }

    private async Task<InboxListing> ListAsync(InboxFilter filter, string? agentId, DateTime now, CancellationToken ct)
    {
        // A claim older than this has lapsed: the callback is nobody's again.
        var claimedSince = now - options.ClaimDuration;
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var query = db.Conversations.AsNoTracking();

        query = filter.Status switch
        {
            InboxStatusFilter.Pending => query.Where(c => c.Status == ConversationStatus.Pending),
            InboxStatusFilter.Open => query.Where(c => c.Status == ConversationStatus.Open),
            InboxStatusFilter.Resolved => query.Where(c => c.Status == ConversationStatus.Resolved),
            _ => query,
        };

        if (!string.IsNullOrWhiteSpace(filter.Queue))
        {
            var queueId = await db.Queues.AsNoTracking().Where(q => q.Slug == filter.Queue).Select(q => (Guid?)q.Id).SingleOrDefaultAsync(ct);
            if (queueId is null) return new InboxListing([], 0, 1, pageSize, InboxIsEmpty: false);
            query = query.Where(c => c.QueueId == queueId);
        }

        var pending = db.CallbackRequests.Where(cb => cb.Status == CallbackStatus.Pending);
        var claimed = pending.Where(cb => cb.ClaimedAt > claimedSince);
        query = filter.Assignee switch
        {
            // Mine: the chats the agent answered first and the callbacks they are calling.
            InboxAssignee.Me => query.Where(c => (agentId != null && c.AssignedAgentId == agentId)
                || claimed.Any(cb => cb.ConversationId == c.Id && cb.ClaimedById == agentId)),
            InboxAssignee.Unclaimed => query.Where(c => pending.Any(cb => cb.ConversationId == c.Id && !(cb.ClaimedAt > claimedSince))),
            _ => query,
        };

        (query, var moreMatches) = await search.ApplyAsync(db, query, filter.Search, ct);

        // Counted at least to the end of this page, so a page past the limit still has a number and an "Older" link.
        var countLimit = Math.Max(_countLimit, page * pageSize);
        var counted = await query.Take(countLimit + 1).CountAsync(ct);
        var total = Math.Min(counted, countLimit);
        var inboxIsEmpty = total == 0 && !await db.Conversations.AnyAsync(ct);

        var ordered = filter.Sort == InboxSort.Due
            // Pending callbacks first: overdue (the window has ended), then by when they are due (the next try, else the
            // window's start, else now, i.e. the request time), then the oldest request. Conversations with no Pending
            // callback follow, newest activity first, as in the default order.
            ? query
                .OrderBy(c => pending.Any(cb => cb.ConversationId == c.Id) ? 0 : 1)
                .ThenBy(c => pending.Any(cb => cb.ConversationId == c.Id && cb.PreferredEndUtc < now) ? 0 : 1)
                .ThenBy(c => pending.Where(cb => cb.ConversationId == c.Id)
                    .Select(cb => cb.NextTryAt ?? cb.PreferredStartUtc ?? cb.RequestedAt).Min())
                .ThenBy(c => pending.Where(cb => cb.ConversationId == c.Id).Select(cb => (DateTime?)cb.RequestedAt).Min())
                .ThenByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
            : query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id);

        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            // Scalar subqueries, one index probe per row on the page. (A navigation-style FirstOrDefault() makes
            // EF number every callback in the table with ROW_NUMBER() on every page load.)
            .Select(c => new ConversationRow(
                c.Id,
                c.Customer!.Name,
                c.Preview,
                c.Queue!.Name,
                c.Status,
                c.LastActivityAt,
                db.CallbackRequests.Where(cb => cb.ConversationId == c.Id).OrderByDescending(cb => cb.RequestedAt)
                    .Select(cb => (CallbackStatus?)cb.Status).FirstOrDefault(),
                db.CallbackRequests.Where(cb => cb.ConversationId == c.Id).OrderByDescending(cb => cb.RequestedAt)
                    .Select(cb => (DateTime?)cb.RequestedAt).FirstOrDefault(),
                claimed.Where(cb => cb.ConversationId == c.Id).Select(cb => cb.ClaimedByName).FirstOrDefault(),
                agentId != null && claimed.Any(cb => cb.ConversationId == c.Id && cb.ClaimedById == agentId),
                c.UnreadCount))
            .ToListAsync(ct);

        // Read-only: one listing may be shown by many consoles.
        return new InboxListing(rows.AsReadOnly(), total, page, pageSize, inboxIsEmpty, moreMatches, MoreThanCounted: counted > countLimit);
    }

    public async Task<IReadOnlyList<QueueOption>> QueuesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Queues.AsNoTracking()
            .Where(q => !q.IsArchived)
            .OrderBy(q => q.Name)
            .Select(q => new QueueOption(q.Slug, q.Name))
            .ToListAsync(ct);
    }
}
