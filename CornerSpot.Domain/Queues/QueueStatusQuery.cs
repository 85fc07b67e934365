using System.Collections.Concurrent;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Queues;

/// <summary>What the widget needs to know about a queue right now.</summary>
public sealed record QueueStatus(string Slug, string Name, bool CallbackEnabled, bool WithinBusinessHours);

/// <remarks>Intake's queue lookups are kept in memory per node, for every widget call, until a
/// <see cref="QueuesChanged"/> event (from this node or, relayed, from another) or a reconcile after the relay was
/// down says queues changed.</remarks>
public sealed class QueueStatusQuery : IDisposable
{
    private readonly IDbContextFactory<CornerSpotDb> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, Cached> _targets = new(StringComparer.Ordinal);
    private long _changes;

    private sealed record Cached(long Changes, QueueTarget Target);

    public QueueStatusQuery(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, IInboxEvents events)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        _subscription = events.Subscribe(e =>
        {
            if (e is QueuesChanged or ReconcileRequested)
            {
                Interlocked.Increment(ref _changes);
                _targets.Clear();
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The open (not archived) queue with this slug, as intake needs it; null when there is none.</summary>
    public async Task<QueueTarget?> FindTargetAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Queue.MaxSlugLength) return null;
        var changes = Interlocked.Read(ref _changes);
        if (_targets.TryGetValue(slug, out var cached) && cached.Changes == changes) return cached.Target;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var target = await db.Queues.AsNoTracking().Where(q => q.Slug == slug && !q.IsArchived)
            .Select(q => new QueueTarget(q.Id, q.Slug, q.Name, q.CallbackEnabled, q.AllowedCountries))
            .SingleOrDefaultAsync(ct);
        // A change during the read may not be in it: then it answers this caller but is not kept. An unknown slug is not
        // kept either (any visitor can make them up).
        if (target is not null && Interlocked.Read(ref _changes) == changes) _targets[slug] = new Cached(changes, target);
        return target;
    }

    /// <summary>The queue's status, or null when there is no such queue or it is archived.</summary>
    public async Task<QueueStatus?> GetAsync(string slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug) || slug.Length > Queue.MaxSlugLength) return null;

        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var queue = await db.Queues.AsNoTracking()
            .Include(q => q.Hours)
            .SingleOrDefaultAsync(q => q.Slug == slug && !q.IsArchived, ct);
        return queue is null
            ? null
            : new QueueStatus(queue.Slug, queue.Name, queue.CallbackEnabled, queue.IsWithinBusinessHours(_clock.GetUtcNow()));
    }

    public void Dispose() => _subscription.Dispose();
}
