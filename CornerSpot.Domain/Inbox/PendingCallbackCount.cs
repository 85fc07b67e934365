using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Inbox;

/// <summary>
/// The number on the nav badge (Pending callbacks; served by the (Status, RequestedAt) index) and the inbox's tab title
/// (those plus chats with unread visitor messages). Every open console asks on every arrival and resolution, so one read
/// serves them all until the next event.
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

    private sealed record Cached(long EventsSeen, long ReadAt, int Pending, int UnreadChats);

    public PendingCallbackCount(IDbContextFactory<CornerSpotDb> dbFactory, IInboxEvents events, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        // Subscribed when the first console asks for the count, so before that console's own subscription: the count is
        // marked stale before any console's handler (which yields first) can re-read it.
        _subscription = events.Subscribe(e =>
        {
            // Typing changes no number.
            if (e is not ChatTyping) Interlocked.Increment(ref _eventsSeen);
            return Task.CompletedTask;
        });
    }

    /// <summary>Pending callbacks.</summary>
    public async Task<int> GetAsync(CancellationToken ct) => (await ReadAsync(ct)).Pending;

    /// <summary>What waits for an agent: Pending callbacks plus chats with unread visitor messages (the tab title).</summary>
    public async Task<int> GetWaitingAsync(CancellationToken ct)
    {
        var counts = await ReadAsync(ct);
        return counts.Pending + counts.UnreadChats;
    }

    private async Task<Cached> ReadAsync(CancellationToken ct)
    {
        var seen = Interlocked.Read(ref _eventsSeen);
        if (Volatile.Read(ref _cached) is { } cached && cached.EventsSeen == seen && _clock.GetElapsedTime(cached.ReadAt) < MaxAge)
            return cached;

        var readAt = _clock.GetTimestamp();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var pending = await db.CallbackRequests.CountAsync(c => c.Status == CallbackStatus.Pending, ct);
        var unreadChats = await db.Conversations.CountAsync(c => c.UnreadCount > 0, ct);
        var value = new Cached(seen, readAt, pending, unreadChats);
        // An event during the read may have changed the numbers: then they answer their caller but are not kept.
        if (Interlocked.Read(ref _eventsSeen) == seen) Volatile.Write(ref _cached, value);
        return value;
    }

    public void Dispose() => _subscription.Dispose();
}
