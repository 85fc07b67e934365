using System.Linq.Expressions;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Telemetry;
using CornerSpot.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CornerSpot.Domain.Callbacks;

/// <summary>
/// Working a callback from the card: "I'm calling", "Release", take over, "Log call", "Close as unreachable",
/// "Mark resolved" and "Reopen". Every step is one conditional update (its WHERE is the concurrency guard: of any
/// number of simultaneous clicks exactly one changes the row), an activity entry in the same transaction, and an
/// inbox event after the commit.
/// </summary>
public sealed class CallbackWork(
    IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate, IInboxEvents events, TimeProvider clock, AuditLog audit,
    CallbackOptions options, CornerSpotMetrics metrics, WebhookOutbox webhooks)
{
    public const int MaxNoteLength = 500;

    public CallbackOptions Options => options;

    /// <summary>"I'm calling". Taking over someone else's live claim needs <paramref name="takeOver"/> (after the
    /// agent confirmed "Take over from {name}?"); without it the answer says who is calling.</summary>
    public async Task<WorkResult> ClaimAsync(Guid callbackId, CallingAgent agent, bool takeOver, CancellationToken ct)
    {
        var now = Now;
        var lapsed = now - options.ClaimDuration;
        var before = await ReadAsync(callbackId, ct);
        if (before is null) return WorkResult.NotFound;
        var someoneElse = before.ClaimedById is { } holder && holder != agent.Id && before.ClaimedAt > lapsed;
        var kind = someoneElse ? CallbackActivityKind.TakenOver : CallbackActivityKind.Claimed;

        var result = await StepAsync(callbackId,
            c => c.Status == CallbackStatus.Pending
                 && (c.ClaimedById == null || c.ClaimedAt <= lapsed || c.ClaimedById == agent.Id
                     || (takeOver && c.ClaimedById == before.ClaimedById)),
            s => s.SetProperty(c => c.ClaimedById, agent.Id).SetProperty(c => c.ClaimedByName, agent.StoredName)
                .SetProperty(c => c.ClaimedAt, now),
            Activity(callbackId, kind, agent, now), conversationStatus: null, ct);
        if (result is null) return await WhyNotAsync(callbackId, agent, lapsed, ct);
        Publish(result, kind, agent, now);
        return WorkResult.Done;
    }

    /// <summary>"Release": the claimer gives the callback back to the team.</summary>
    public async Task<WorkResult> ReleaseAsync(Guid callbackId, CallingAgent agent, CancellationToken ct)
    {
        var now = Now;
        var result = await StepAsync(callbackId,
            c => c.Status == CallbackStatus.Pending && c.ClaimedById == agent.Id,
            ClearClaim, Activity(callbackId, CallbackActivityKind.Released, agent, now), conversationStatus: null, ct);
        if (result is null) return await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound;
        Publish(result, CallbackActivityKind.Released, agent, now);
        return WorkResult.Done;
    }

    /// <summary>"Log call" → "Save". Reached and Wrong number resolve the callback; No answer, Left voicemail and Busy
    /// count an attempt, release the claim and set the next try.</summary>
    public async Task<WorkResult> LogCallAsync(Guid callbackId, CallingAgent agent, CallOutcome outcome, string? note, CancellationToken ct)
    {
        var now = Now;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength) note = note[..MaxNoteLength];
        var activity = Activity(callbackId, outcome.Ends() ? CallbackActivityKind.Resolved : CallbackActivityKind.Attempted, agent, now,
            outcome, note);

        if (outcome.Ends())
        {
            var ended = outcome == CallOutcome.Reached ? CallbackOutcome.Reached : CallbackOutcome.WrongNumber;
            return await ResolveWithAsync(callbackId, agent, ended, activity, now, c => c.Status == CallbackStatus.Pending, ct) is { } r
                ? r : await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound;
        }

        var before = await ReadAsync(callbackId, ct);
        if (before is null) return WorkResult.NotFound;
        if (before.Status != CallbackStatus.Pending) return WorkResult.Stale;
        var next = RetrySchedule.NextTry(now, before.PreferredStartUtc, before.PreferredEndUtc,
            new BusinessHoursSchedule(before.QueueTimeZone, before.QueueHours), VisitorZone(before), options);
        var attempts = before.AttemptCount;
        var result = await StepAsync(callbackId,
            c => c.Status == CallbackStatus.Pending && c.AttemptCount == attempts,
            s => ClearClaim(s.SetProperty(c => c.AttemptCount, attempts + 1).SetProperty(c => c.NextTryAt, next)),
            activity, conversationStatus: null, ct);
        if (result is null) return WorkResult.Stale;
        Publish(result, CallbackActivityKind.Attempted, agent, now);
        return WorkResult.Done;
    }

    /// <summary>"Close as unreachable", offered once <see cref="CallbackOptions.MaxAttempts"/> calls went unanswered.</summary>
    public async Task<WorkResult> CloseUnreachableAsync(Guid callbackId, CallingAgent agent, CancellationToken ct)
    {
        var now = Now;
        var max = options.MaxAttempts;
        return await ResolveWithAsync(callbackId, agent, CallbackOutcome.Unreachable,
                   Activity(callbackId, CallbackActivityKind.ClosedUnreachable, agent, now), now,
                   c => c.Status == CallbackStatus.Pending && c.AttemptCount >= max, ct)
               ?? (await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound);
    }

    /// <summary>"Mark resolved", as the help article says: resolves without a logged call.</summary>
    public async Task<ResolutionOutcome> ResolveAsync(Guid callbackId, CallingAgent agent, CancellationToken ct)
    {
        var now = Now;
        var result = await ResolveWithAsync(callbackId, agent, outcome: null, Activity(callbackId, CallbackActivityKind.Resolved, agent, now),
            now, c => c.Status == CallbackStatus.Pending, ct);
        if (result is not null) return ResolutionOutcome.Resolved;
        return await ExistsAsync(callbackId, ct) ? ResolutionOutcome.AlreadyResolved : ResolutionOutcome.NotFound;
    }

    /// <summary>"Reopen": a resolved callback is Pending again, unclaimed, with its attempts kept.</summary>
    public async Task<WorkResult> ReopenAsync(Guid callbackId, CallingAgent agent, CancellationToken ct)
    {
        var now = Now;
        var result = await StepAsync(callbackId,
            c => c.Status == CallbackStatus.Resolved,
            s => ClearClaim(s.SetProperty(c => c.Status, CallbackStatus.Pending).SetProperty(c => c.ResolvedAt, (DateTime?)null)
                .SetProperty(c => c.ResolvedById, (string?)null).SetProperty(c => c.ResolvedByName, (string?)null)
                .SetProperty(c => c.Outcome, (CallbackOutcome?)null)),
            Activity(callbackId, CallbackActivityKind.Reopened, agent, now), ConversationStatus.Pending, ct);
        if (result is null) return await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound;
        Publish(result, CallbackActivityKind.Reopened, agent, now);
        return WorkResult.Done;
    }

    /// <summary>The visitor's "Change time" on their status link: a new preferred window (validated by the caller).</summary>
    public async Task<WorkResult> ChangeWindowAsync(Guid callbackId, DateTime startUtc, DateTime endUtc, CancellationToken ct)
    {
        var now = Now;
        var result = await StepAsync(callbackId,
            c => c.Status == CallbackStatus.Pending,
            s => s.SetProperty(c => c.PreferredStartUtc, startUtc).SetProperty(c => c.PreferredEndUtc, endUtc)
                .SetProperty(c => c.NextTryAt, (DateTime?)null),
            Activity(callbackId, CallbackActivityKind.WindowChanged, Visitor, now), conversationStatus: null, ct);
        if (result is null) return await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound;
        Publish(result, CallbackActivityKind.WindowChanged, Visitor, now);
        return WorkResult.Done;
    }

    /// <summary>The visitor's "Cancel request": resolved with outcome Cancelled by visitor.</summary>
    public async Task<WorkResult> CancelByVisitorAsync(Guid callbackId, CancellationToken ct)
    {
        var now = Now;
        return await ResolveWithAsync(callbackId, Visitor, CallbackOutcome.CancelledByVisitor,
                   Activity(callbackId, CallbackActivityKind.Cancelled, Visitor, now), now, c => c.Status == CallbackStatus.Pending, ct)
               ?? (await ExistsAsync(callbackId, ct) ? WorkResult.Stale : WorkResult.NotFound);
    }

    /// <summary>Steps the visitor takes from their link are recorded without an agent.</summary>
    private static readonly CallingAgent Visitor = new(null, "Visitor");

    private async Task<WorkResult?> ResolveWithAsync(Guid callbackId, CallingAgent agent, CallbackOutcome? outcome, CallbackActivity activity,
        DateTime now, Expression<Func<CallbackRequest, bool>> guard, CancellationToken ct)
    {
        var name = agent.StoredName;
        var result = await StepAsync(callbackId, guard,
            s => ClearClaim(s.SetProperty(c => c.Status, CallbackStatus.Resolved).SetProperty(c => c.ResolvedAt, now)
                .SetProperty(c => c.ResolvedById, agent.Id).SetProperty(c => c.ResolvedByName, name)
                .SetProperty(c => c.Outcome, outcome)),
            activity, ConversationStatus.Resolved, ct);
        if (result is null) return null;
        events.Publish(new CallbackResolved(callbackId, result.ConversationId, result.QueueId, name, now));
        metrics.CallbackResolved(result.QueueSlug, outcome);
        await audit.RecordAsync(AuditAction.CallbackResolved, agent.Id, name, callbackId.ToString(), ct: ct);
        return WorkResult.Done;
    }

    private sealed record Changed(Guid CallbackId, Guid ConversationId, Guid QueueId, string QueueSlug);

    /// <summary>The conditional update, its activity and the conversation's status, in one transaction. Null when the
    /// guard matched no row (someone else's click won, or the callback is gone).</summary>
    private async Task<Changed?> StepAsync(Guid callbackId, Expression<Func<CallbackRequest, bool>> guard,
        Action<UpdateSettersBuilder<CallbackRequest>> set, CallbackActivity activity, ConversationStatus? conversationStatus, CancellationToken ct)
    {
        var subscribers = await webhooks.SubscribersAsync(ct);
        var hook = WebhookOutbox.EventFor(activity.Kind);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.CallbackRequests.Where(c => c.Id == callbackId).Where(guard).ExecuteUpdateAsync(set, ct);
            if (changed == 0) return null;
            var head = await db.CallbackRequests.AsNoTracking().Where(c => c.Id == callbackId)
                .Select(c => new Changed(c.Id, c.ConversationId, c.Conversation!.QueueId, c.Conversation.Queue!.Slug)).SingleAsync(ct);
            if (conversationStatus is { } status)
                await db.Conversations.Where(c => c.Id == head.ConversationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), ct);
            db.CallbackActivities.Add(activity);
            var enqueued = await webhooks.EnqueueCallbackEventAsync(db, subscribers, hook, [callbackId], activity, activity.At, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            if (enqueued) webhooks.Notify();
            return head;
        }
    }

    private static void ClearClaim(UpdateSettersBuilder<CallbackRequest> s) =>
        s.SetProperty(c => c.ClaimedById, (string?)null).SetProperty(c => c.ClaimedByName, (string?)null)
            .SetProperty(c => c.ClaimedAt, (DateTime?)null);

    private sealed record Current(
        CallbackStatus Status, string? ClaimedById, string? ClaimedByName, DateTime? ClaimedAt, int AttemptCount,
        DateTime? PreferredStartUtc, DateTime? PreferredEndUtc, string? VisitorTimeZone, string QueueTimeZone, List<BusinessHours> QueueHours);

    private async Task<Current?> ReadAsync(Guid callbackId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CallbackRequests.AsNoTracking().Where(c => c.Id == callbackId)
            .Select(c => new Current(c.Status, c.ClaimedById, c.ClaimedByName, c.ClaimedAt, c.AttemptCount, c.PreferredStartUtc,
                c.PreferredEndUtc, c.VisitorTimeZone, c.Conversation!.Queue!.TimeZone, c.Conversation.Queue.Hours))
            .SingleOrDefaultAsync(ct);
    }

    private async Task<WorkResult> WhyNotAsync(Guid callbackId, CallingAgent agent, DateTime lapsed, CancellationToken ct)
    {
        var now = await ReadAsync(callbackId, ct);
        return now switch
        {
            null => WorkResult.NotFound,
            { Status: CallbackStatus.Pending, ClaimedById: { } holder, ClaimedAt: { } at } when holder != agent.Id && at > lapsed
                => new WorkResult(WorkStatus.ClaimedByOther, now.ClaimedByName),
            _ => WorkResult.Stale,
        };
    }

    private async Task<bool> ExistsAsync(Guid callbackId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CallbackRequests.AnyAsync(c => c.Id == callbackId, ct);
    }

    private TimeZoneInfo VisitorZone(Current c) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(c.VisitorTimeZone ?? c.QueueTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static CallbackActivity Activity(Guid callbackId, CallbackActivityKind kind, CallingAgent agent, DateTime at,
        CallOutcome? outcome = null, string? note = null) => new()
    {
        Id = Guid.CreateVersion7(), CallbackRequestId = callbackId, Kind = kind, CallOutcome = outcome, Note = note,
        ActorId = agent.Id, ActorName = agent.StoredName, At = at,
    };

    private void Publish(Changed changed, CallbackActivityKind what, CallingAgent agent, DateTime at) =>
        events.Publish(new CallbackUpdated(changed.CallbackId, changed.ConversationId, changed.QueueId, what, agent.StoredName, at));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
