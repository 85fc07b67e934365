using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Team;

public sealed record QueueStats(
    Guid? QueueId, string Name, string? Slug, int Pending, DateTime? OldestPendingAt, int Overdue, int ResolvedToday, TimeSpan? MedianResolutionToday);

public sealed record TeamSnapshot(IReadOnlyList<QueueStats> Queues, QueueStats Total, DateTime TakenAt);

/// <summary>What team leads watch: pending callbacks per queue, how old the oldest is, what got done today.</summary>
public sealed class TeamOverview(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    public async Task<TeamSnapshot> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.Queues.AsNoTracking().Where(q => !q.IsArchived).OrderBy(q => q.Name)
            .Select(q => new { q.Id, q.Name, q.Slug, q.TimeZone }).ToListAsync(ct);

        var pending = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Pending)
            .GroupBy(c => c.Conversation!.QueueId)
            .Select(g => new
            {
                QueueId = g.Key,
                Count = g.Count(),
                Oldest = g.Min(c => (DateTime?)c.RequestedAt),
                Overdue = g.Count(c => c.PreferredEndUtc != null && c.PreferredEndUtc < now.UtcDateTime),
            })
            .ToDictionaryAsync(x => x.QueueId, ct);

        // "Today" is the queue's own calendar day; the earliest of those bounds what must be read.
        var dayStarts = queues.ToDictionary(q => q.Id, q => StartOfDayUtc(now, q.TimeZone));
        var earliest = dayStarts.Count == 0 ? now.UtcDateTime : dayStarts.Values.Min();
        var resolved = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Resolved && c.ResolvedAt >= earliest)
            .Select(c => new { c.Conversation!.QueueId, c.RequestedAt, ResolvedAt = c.ResolvedAt!.Value })
            .ToListAsync(ct);

        var rows = new List<QueueStats>(queues.Count);
        var allDurations = new List<TimeSpan>();
        foreach (var q in queues)
        {
            pending.TryGetValue(q.Id, out var p);
            var durations = resolved.Where(r => r.QueueId == q.Id && r.ResolvedAt >= dayStarts[q.Id])
                .Select(r => r.ResolvedAt - r.RequestedAt).ToList();
            allDurations.AddRange(durations);
            rows.Add(new QueueStats(q.Id, q.Name, q.Slug, p?.Count ?? 0, p?.Oldest, p?.Overdue ?? 0, durations.Count, Median(durations)));
        }

        var total = new QueueStats(null, "All queues", null, rows.Sum(r => r.Pending), rows.Min(r => r.OldestPendingAt),
            rows.Sum(r => r.Overdue), rows.Sum(r => r.ResolvedToday), Median(allDurations));
        return new TeamSnapshot(rows, total, now.UtcDateTime);
    }

    public static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    internal static DateTime StartOfDayUtc(DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var tz) ? tz : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        // Midnight can be skipped by a DST change; then the day starts at the first valid local time.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }
}
