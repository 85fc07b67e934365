using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Team;

/// <summary>One agent's day: callbacks they are calling now, and today's logged calls and resolutions.</summary>
public sealed record AgentToday(string AgentId, string Name, int ClaimedNow, int Attempts, int Reached, int Resolved);

/// <summary>Today's callbacks through the steps, counted once each per step (requested → attempted → reached → resolved),
/// and the median wait from the request to the first logged call for callbacks first called today.</summary>
public sealed record QueueFunnel(Guid? QueueId, string Name, int Requested, int Attempted, int Reached, int Resolved, TimeSpan? MedianToFirstAttempt);

/// <summary>Logged calls started in one local hour of the day (the queue's time zone), and how many reached the visitor.</summary>
public sealed record HourReach(int Hour, int Attempts, int Reached)
{
    public double? Rate => Attempts == 0 ? null : (double)Reached / Attempts;
}

public sealed record TeamDay(IReadOnlyList<AgentToday> Agents, IReadOnlyList<QueueFunnel> Funnels, QueueFunnel Total, IReadOnlyList<HourReach> ReachByHour);

/// <summary>How the team works its callbacks, read from the activity log: per agent and per queue for the queue's own
/// "today", and the reach rate by hour over the last <see cref="ReachDays"/> days (one day has too few calls to tell).</summary>
public sealed class TeamActivity(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, CallbackOptions options)
{
    public const int ReachDays = 14;

    public async Task<TeamDay> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.Queues.AsNoTracking().Where(q => !q.IsArchived).OrderBy(q => q.Name)
            .Select(q => new { q.Id, q.Name, q.TimeZone }).ToListAsync(ct);
        var zones = queues.ToDictionary(q => q.Id, q => TimeZoneInfo.TryFindSystemTimeZoneById(q.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc);
        var dayStarts = queues.ToDictionary(q => q.Id, q => TeamOverview.StartOfDayUtc(now, q.TimeZone));
        var earliest = dayStarts.Count == 0 ? now.UtcDateTime : dayStarts.Values.Min();
        var reachSince = earliest.AddDays(-(ReachDays - 1));

        var activities = await (
                from a in db.CallbackActivities.AsNoTracking()
                join cb in db.CallbackRequests on a.CallbackRequestId equals cb.Id
                where a.At >= reachSince
                select new Step(a.CallbackRequestId, a.Kind, a.CallOutcome, a.ActorId, a.ActorName, a.At, cb.Conversation!.QueueId))
            .ToListAsync(ct);
        var known = activities.Where(a => dayStarts.ContainsKey(a.QueueId)).ToList();
        var today = known.Where(a => a.At >= dayStarts[a.QueueId]).ToList();

        // The first logged call of each callback, wherever it falls; only those made today count for today's median.
        var firstAttempts = await db.CallbackActivities.AsNoTracking()
            .Where(a => a.Kind == CallbackActivityKind.Attempted || (a.Kind == CallbackActivityKind.Resolved && a.CallOutcome != null))
            .GroupBy(a => a.CallbackRequestId)
            .Select(g => new { CallbackId = g.Key, First = g.Min(a => a.At) })
            .Where(x => x.First >= earliest)
            .Join(db.CallbackRequests, x => x.CallbackId, cb => cb.Id,
                (x, cb) => new { x.First, cb.RequestedAt, cb.Conversation!.QueueId })
            .ToListAsync(ct);
        var waits = firstAttempts.Where(f => dayStarts.TryGetValue(f.QueueId, out var start) && f.First >= start)
            .Select(f => (f.QueueId, Wait: f.First - f.RequestedAt)).ToList();

        var funnels = queues.Select(q =>
        {
            var mine = today.Where(a => a.QueueId == q.Id).ToList();
            return new QueueFunnel(q.Id, q.Name,
                Requested: Distinct(mine.Where(a => a.Kind is CallbackActivityKind.Requested or CallbackActivityKind.RequestedAgain)),
                Attempted: Distinct(mine.Where(a => IsAttempt(a.Kind, a.CallOutcome))),
                Reached: Distinct(mine.Where(a => a.CallOutcome == CallOutcome.Reached)),
                Resolved: Distinct(mine.Where(a => IsResolution(a.Kind))),
                MedianToFirstAttempt: TeamOverview.Median(waits.Where(w => w.QueueId == q.Id).Select(w => w.Wait).ToList()));
        }).ToList();
        var total = new QueueFunnel(null, "All queues", funnels.Sum(f => f.Requested), funnels.Sum(f => f.Attempted),
            funnels.Sum(f => f.Reached), funnels.Sum(f => f.Resolved), TeamOverview.Median(waits.Select(w => w.Wait).ToList()));

        var claimedSince = now.UtcDateTime - options.ClaimDuration;
        var claims = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.Status == CallbackStatus.Pending && c.ClaimedById != null && c.ClaimedAt > claimedSince)
            .Select(c => new { c.ClaimedById, c.ClaimedByName, c.ClaimedAt }).ToListAsync(ct);
        var byAgent = today.Where(a => a.ActorId is not null).ToLookup(a => a.ActorId!);
        var claimsByAgent = claims.ToLookup(c => c.ClaimedById!);
        var agents = byAgent.Select(g => g.Key).Union(claimsByAgent.Select(g => g.Key))
            .Select(id => new AgentToday(id,
                // The newest name the agent went by, from a claim or an activity.
                claimsByAgent[id].OrderByDescending(c => c.ClaimedAt).Select(c => c.ClaimedByName).FirstOrDefault()
                    ?? byAgent[id].OrderByDescending(a => a.At).Select(a => a.ActorName).FirstOrDefault() ?? "An agent",
                ClaimedNow: claimsByAgent[id].Count(),
                Attempts: byAgent[id].Count(a => IsAttempt(a.Kind, a.CallOutcome)),
                Reached: byAgent[id].Count(a => a.CallOutcome == CallOutcome.Reached),
                Resolved: byAgent[id].Count(a => IsResolution(a.Kind))))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .ToList();

        var hours = new (int Attempts, int Reached)[24];
        foreach (var a in known.Where(a => IsAttempt(a.Kind, a.CallOutcome)))
        {
            var hour = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(a.At, DateTimeKind.Utc), zones[a.QueueId]).Hour;
            hours[hour] = (hours[hour].Attempts + 1, hours[hour].Reached + (a.CallOutcome == CallOutcome.Reached ? 1 : 0));
        }
        var reachByHour = hours.Select((h, hour) => new HourReach(hour, h.Attempts, h.Reached)).ToList();

        return new TeamDay(agents, funnels, total, reachByHour);
    }

    /// <summary>A logged call: an unanswered attempt, or a call that resolved the callback (Reached, Wrong number).
    /// "Mark resolved" and "Close as unreachable" are not calls.</summary>
    public static bool IsAttempt(CallbackActivityKind kind, CallOutcome? outcome) =>
        kind == CallbackActivityKind.Attempted || (kind == CallbackActivityKind.Resolved && outcome is not null);

    /// <summary>An agent's resolution: "Mark resolved", a call that ended it, or "Close as unreachable".</summary>
    private static bool IsResolution(CallbackActivityKind kind) =>
        kind is CallbackActivityKind.Resolved or CallbackActivityKind.ClosedUnreachable;

    private static int Distinct(IEnumerable<Step> steps) => steps.Select(a => a.CallbackRequestId).Distinct().Count();

    private sealed record Step(Guid CallbackRequestId, CallbackActivityKind Kind, CallOutcome? CallOutcome, string? ActorId, string? ActorName,
        DateTime At, Guid QueueId);
}
