using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Inbox;

/// <summary>
/// The number on the nav badge (Pending callbacks; served by the (Status, RequestedAt) index) and the inbox's tab title
/// (those plus chats with unread visitor messages). Every open console asks on every arrival and resolution, so one read
/// per event serves them all, the consoles that ask while it runs included (<see cref="SharedReads{TKey,TValue}"/>).
/// </summary>
public sealed class PendingCallbackCount : IDisposable
{
    /// <summary>How long one count may serve without an event; covers writes that publish none.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<CornerSpotDb> _dbFactory;
    private readonly SharedReads<bool, Counts> _reads;

    private sealed record Counts(int Pending, int UnreadChats);

    public PendingCallbackCount(IDbContextFactory<CornerSpotDb> dbFactory, IInboxEvents events, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        // Built when the first console is given the count, so before that console subscribes (see SharedReads).
        _reads = new SharedReads<bool, Counts>(events, clock, MaxAge, maxKeys: 1);
    }

    /// <summary>Pending callbacks.</summary>
    public async Task<int> GetAsync(CancellationToken ct) => (await ReadAsync(ct)).Pending;

    /// <summary>What waits for an agent: Pending callbacks plus chats with unread visitor messages (the tab title).</summary>
    public async Task<int> GetWaitingAsync(CancellationToken ct)
    {
        var counts = await ReadAsync(ct);
        return counts.Pending + counts.UnreadChats;
    }

    private Task<Counts> ReadAsync(CancellationToken ct) => _reads.GetAsync(true, async readCt =>
    {
        await using var db = await _dbFactory.CreateDbContextAsync(readCt);
        var pending = await db.CallbackRequests.CountAsync(c => c.Status == CallbackStatus.Pending, readCt);
        var unreadChats = await db.Conversations.CountAsync(c => c.UnreadCount > 0, readCt);
        return new Counts(pending, unreadChats);
    }, ct);

    public void Dispose() => _reads.Dispose();
}
