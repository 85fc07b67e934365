using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Team;

/// <summary>The callbacks requested on a range of days, for "Export CSV". A day is the callback's queue's own calendar day,
/// as on the team page.</summary>
public sealed class CallbackExport(IDbContextFactory<CornerSpotDb> dbFactory)
{
    public const int MaxDays = 366;

    /// <summary>Null when <paramref name="queueSlug"/> names no queue. Streams: a year of callbacks is never held at once.</summary>
    public async Task<IAsyncEnumerable<CallbackExportRow>?> ListAsync(DateOnly from, DateOnly to, string? queueSlug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.Queues.AsNoTracking()
            .Where(q => queueSlug == null || q.Slug == queueSlug)
            .Select(q => new { q.Id, q.TimeZone }).ToListAsync(ct);
        if (queueSlug is not null && queues.Count == 0) return null;
        var zones = queues.ToDictionary(q => q.Id, q => TimeZoneInfo.TryFindSystemTimeZoneById(q.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc);
        return Read(from, to, zones, ct);
    }

    private async IAsyncEnumerable<CallbackExportRow> Read(DateOnly from, DateOnly to, Dictionary<Guid, TimeZoneInfo> zones,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // Every time zone is within ±14 h of UTC: a day either side bounds the query, the queue's zone decides.
        var since = from.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = to.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var queueIds = zones.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.CallbackRequests.AsNoTracking()
            .Where(c => c.RequestedAt >= since && c.RequestedAt < until && queueIds.Contains(c.Conversation!.QueueId))
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Conversation!.QueueId,
                Row = new CallbackExportRow(c.Id, c.Conversation.Queue!.Name, c.Name, c.PhoneE164, c.PhoneAsTyped, c.Email, c.Note, c.PageUrl,
                    c.VisitorTimeZone, c.RequestedAt, c.RequestCount, c.LastRequestedAt, c.PreferredStartUtc, c.PreferredEndUtc, c.Status,
                    c.Outcome, c.AttemptCount, c.NextTryAt, c.ClaimedByName, c.ClaimedAt, c.ResolvedAt, c.ResolvedByName),
            })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(r.Row.RequestedAt, DateTimeKind.Utc), zones[r.QueueId]));
            if (day >= from && day <= to) yield return r.Row;
        }
    }
}
