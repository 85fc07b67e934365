using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Callbacks;

/// <summary>What the visitor's status page shows: their request, as they left it.</summary>
public sealed record VisitorCallbackView(
    Guid Id, string Name, CallbackStatus Status, CallbackOutcome? Outcome, DateTime RequestedAt,
    DateTime? PreferredStartUtc, DateTime? PreferredEndUtc, string? VisitorTimeZone, string QueueName);

/// <summary>The visitor's own link, <c>/callback/{token}</c>: the request behind a token.</summary>
/// <remarks>A link stops working <c>Callbacks:LinkDays</c> (30) after the request was resolved.</remarks>
public sealed class CallbackLinks(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan ValidAfterResolution = TimeSpan.FromDays(30);

    /// <summary>The request behind a token; null for a wrong or expired one (the page never says which).</summary>
    public async Task<VisitorCallbackView?> FindAsync(string? token, CancellationToken ct)
    {
        if (!CallbackLink.LooksLikeToken(token)) return null;
        var hash = CallbackLink.Hash(token!);
        var oldestResolution = clock.GetUtcNow().UtcDateTime - ValidAfterResolution;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CallbackLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash)
            .Join(db.CallbackRequests, l => l.CallbackRequestId, c => c.Id, (l, c) => c)
            .Where(c => c.Status == CallbackStatus.Pending || c.ResolvedAt > oldestResolution)
            .Select(c => new VisitorCallbackView(c.Id, c.Name, c.Status, c.Outcome, c.RequestedAt, c.PreferredStartUtc,
                c.PreferredEndUtc, c.VisitorTimeZone, c.Conversation!.Queue!.Name))
            .SingleOrDefaultAsync(ct);
    }
}
