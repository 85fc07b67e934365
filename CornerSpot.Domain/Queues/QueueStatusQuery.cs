using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Queues;

/// <summary>What the widget needs to know about a queue right now.</summary>
public sealed record QueueStatus(string Slug, string Name, bool CallbackEnabled, bool WithinBusinessHours);

public sealed class QueueStatusQuery(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    /// <summary>Whether an open (not archived) queue has this slug.</summary>
    public async Task<bool> ExistsAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Queue.MaxSlugLength) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Queues.AnyAsync(q => q.Slug == slug && !q.IsArchived, ct);
    }

    /// <summary>The queue's status, or null when there is no such queue or it is archived.</summary>
    public async Task<QueueStatus?> GetAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Queue.MaxSlugLength) return null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking()
            .Include(q => q.Hours)
            .SingleOrDefaultAsync(q => q.Slug == slug && !q.IsArchived, ct);
        return queue is null
            ? null
            : new QueueStatus(queue.Slug, queue.Name, queue.CallbackEnabled, queue.IsWithinBusinessHours(clock.GetUtcNow()));
    }
}
