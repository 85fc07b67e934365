using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Queues;

/// <summary>What the widget needs to know about a queue right now.</summary>
public sealed record QueueStatus(string Slug, string Name, bool CallbackEnabled, bool WithinBusinessHours);

public sealed class QueueStatusQuery(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    /// <summary>The open (not archived) queue with this slug, as intake needs it; null when there is none.</summary>
    public async Task<QueueTarget?> FindTargetAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Queue.MaxSlugLength) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Queues.AsNoTracking().Where(q => q.Slug == slug && !q.IsArchived)
            .Select(q => new QueueTarget(q.Id, q.Slug, q.Name, q.CallbackEnabled, q.AllowedCountries))
            .SingleOrDefaultAsync(ct);
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
