using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Inbox;

/// <summary>The inbox list: one page at a time, newest activity first, never the whole table.</summary>
public sealed class InboxQuery(IDbContextFactory<CornerSpotDb> dbFactory, ConversationSearch search)
{
    public async Task<InboxListing> ListAsync(InboxFilter filter, CancellationToken ct)
    {
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

        (query, var moreMatches) = await search.ApplyAsync(db, query, filter.Search, ct);

        var total = await query.CountAsync(ct);
        var inboxIsEmpty = total == 0 && !await db.Conversations.AnyAsync(ct);

        var rows = await query
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
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
                    .Select(cb => (DateTime?)cb.RequestedAt).FirstOrDefault()))
            .ToListAsync(ct);

        return new InboxListing(rows, total, page, pageSize, inboxIsEmpty, moreMatches);
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
