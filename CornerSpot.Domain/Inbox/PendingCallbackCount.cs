using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Inbox;

/// <summary>
/// The number on the nav badge and the inbox's tab title; served by the (Status, RequestedAt) index. Every open
/// console asks for it on every arrival and resolution, so one read serves them all until the next event.
/// </summary>
public sealed class PendingCallbackCount : IDisposable
{
    /// <summary>How long one count may serve without an event; covers writes that publish none.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<CornerSpotDb> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private long _eventsSeen;
    private Cached? _cached;

    private sealed record Cached(long EventsSeen, long ReadAt, int Value);

    public PendingCallbackCount(IDbContextFactory<CornerSpotDb> dbFactory, IInboxEvents events, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        // Subscribed when the first console asks for the count, so before that console's own subscription: the count is
        // marked stale before any console's handler (which yields first) can re-read it.
        _subscription = events.Subscribe(_ =>
        {
            Interlocked.Increment(ref _eventsSeen);
            return Task.CompletedTask;
        });
    }

    public async Task<int> GetAsync(CancellationToken ct)
    {
        var seen = Interlocked.Read(ref _eventsSeen);
        if (Volatile.Read(ref _cached) is { } cached && cached.EventsSeen == seen && _clock.GetElapsedTime(cached.ReadAt) < MaxAge)
            return cached.Value;

        var readAt = _clock.GetTimestamp();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var value = await db.CallbackRequests.CountAsync(c => c.Status == CallbackStatus.Pending, ct);
        // An event during the read may have changed the number: then this one answers its caller but is not kept.
        if (Interlocked.Read(ref _eventsSeen) == seen) Volatile.Write(ref _cached, new Cached(seen, readAt, value));
        return value;
    }

    public void Dispose() => _subscription.Dispose();
}
