using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Team;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Retention;

/// <summary>
/// Per queue "keep resolved conversations for N days": deletes resolved conversations whose last activity (message,
/// request, call, resolution) is older than that, with everything hanging off them, and adds what they counted to
/// <see cref="RetainedDayCount"/> first, in the same transaction.
/// </summary>
/// <remarks>The shortest choice, <see cref="MinimumDays"/>, lies beyond every window the team view reads (today and the
/// last <see cref="TeamActivity.ReachDays"/> days), so deleting never changes a figure a lead is looking at.</remarks>
public sealed class ConversationRetention(IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate, TimeProvider clock, AuditLog audit)
{
    public const int MinimumDays = 30;
    public static readonly int[] Choices = [30, 90, 180, 365, 730];
    private const int BatchSize = 200;

    public static string Label(int? days) => days switch
    {
        null => "Forever",
        365 => "1 year",
        730 => "2 years",
        _ => $"{days} days",
    };

    /// <returns>null when saved; otherwise why not.</returns>
    public async Task<string?> SetKeepResolvedDaysAsync(ClaimsPrincipal actor, Guid queueId, int? days, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (days is < MinimumDays) return $"Keep resolved conversations for at least {MinimumDays} days.";
        var name = await db.Queues.Where(q => q.Id == queueId).Select(q => q.Name).SingleOrDefaultAsync(ct);
        if (name is null) return "That queue no longer exists.";
        await db.Queues.Where(q => q.Id == queueId).ExecuteUpdateAsync(s => s.SetProperty(q => q.KeepResolvedDays, days), ct);
        await audit.RecordAsync(AuditAction.QueueRetentionChanged, admin, name, $"Keep resolved conversations: {Label(days)}", ct);
        return null;
    }

    /// <summary>One pass over every queue with a retention period. Returns how many conversations were deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, string Name, int Days)> queues;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            queues = (await db.Queues.AsNoTracking().Where(q => q.KeepResolvedDays != null)
                    .Select(q => new { q.Id, q.Name, q.KeepResolvedDays }).ToListAsync(ct))
                .Select(q => (q.Id, q.Name, q.KeepResolvedDays!.Value)).ToList();
        }

        var total = 0;
        foreach (var queue in queues)
        {
            var cutoff = now.AddDays(-queue.Days);
            var deleted = 0;
            int batch;
            do
            {
                batch = await DeleteBatchAsync(queue.Id, cutoff, ct);
                deleted += batch;
            } while (batch == BatchSize);
            if (deleted == 0) continue;
            total += deleted;
            await audit.RecordAsync(AuditAction.RetentionRun, null, "Retention", queue.Name,
                $"Deleted {deleted} resolved conversation{(deleted == 1 ? "" : "s")} older than {Label(queue.Days)}", ct);
        }
        return total;
    }

    private async Task<int> DeleteBatchAsync(Guid queueId, DateTime cutoff, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var conversations = await db.Conversations.AsNoTracking()
                .Where(c => c.QueueId == queueId && c.Status == ConversationStatus.Resolved && c.LastActivityAt < cutoff)
                // A callback's steps do not all touch the conversation: it stays while any of them is recent.
                .Where(c => !db.CallbackRequests.Any(cb => cb.ConversationId == c.Id
                    && (cb.Status == CallbackStatus.Pending || cb.LastRequestedAt >= cutoff || cb.ResolvedAt >= cutoff
                        || cb.Activities.Any(a => a.At >= cutoff))))
                .Where(c => !c.Messages.Any(m => m.SentAt >= cutoff))
                .OrderBy(c => c.LastActivityAt).Take(BatchSize)
                .Select(c => new { c.Id, c.CustomerId, c.LastActivityAt }).ToListAsync(ct);
            if (conversations.Count == 0) return 0;

            var ids = conversations.Select(c => c.Id).ToList();
            var callbacks = await db.CallbackRequests.AsNoTracking().Where(cb => ids.Contains(cb.ConversationId))
                .Select(cb => new { cb.Id, cb.ConversationId, cb.Outcome, Attempts = cb.Activities.Count(a =>
                    a.Kind == CallbackActivityKind.Attempted || (a.Kind == CallbackActivityKind.Resolved && a.CallOutcome != null)) })
                .ToListAsync(ct);
            var callbackIds = callbacks.Select(cb => cb.Id).ToList();

            foreach (var day in conversations.GroupBy(c => DateOnly.FromDateTime(c.LastActivityAt)))
            {
                var dayIds = day.Select(c => c.Id).ToHashSet();
                var dayCallbacks = callbacks.Where(cb => dayIds.Contains(cb.ConversationId)).ToList();
                var count = await db.RetainedDayCounts.SingleOrDefaultAsync(r => r.QueueId == queueId && r.Day == day.Key, ct);
                if (count is null) db.RetainedDayCounts.Add(count = new RetainedDayCount { QueueId = queueId, Day = day.Key });
                count.Conversations += dayIds.Count;
                count.Callbacks += dayCallbacks.Count;
                count.Reached += dayCallbacks.Count(cb => cb.Outcome == CallbackOutcome.Reached);
                count.WrongNumber += dayCallbacks.Count(cb => cb.Outcome == CallbackOutcome.WrongNumber);
                count.Unreachable += dayCallbacks.Count(cb => cb.Outcome == CallbackOutcome.Unreachable);
                count.CancelledByVisitor += dayCallbacks.Count(cb => cb.Outcome == CallbackOutcome.CancelledByVisitor);
                count.MarkedResolved += dayCallbacks.Count(cb => cb.Outcome == null);
                count.Attempts += dayCallbacks.Sum(cb => cb.Attempts);
            }
            await db.SaveChangesAsync(ct);

            // One statement per table, children first (a table added later that hangs off these joins the list).
            await db.WebhookOutbox.Where(m => (m.ConversationId != null && ids.Contains(m.ConversationId.Value))
                    || (m.CallbackRequestId != null && callbackIds.Contains(m.CallbackRequestId.Value)))
                .ExecuteDeleteAsync(ct);
            await db.ChatMessageKeys.Where(k => ids.Contains(k.ConversationId)).ExecuteDeleteAsync(ct);
            await db.IdempotencyRecords.Where(r => callbackIds.Contains(r.CallbackRequestId)).ExecuteDeleteAsync(ct);
            await db.CallbackLinks.Where(l => callbackIds.Contains(l.CallbackRequestId)).ExecuteDeleteAsync(ct);
            await db.CallbackActivities.Where(a => callbackIds.Contains(a.CallbackRequestId)).ExecuteDeleteAsync(ct);
            await db.CallbackRequests.Where(cb => ids.Contains(cb.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Messages.Where(m => ids.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
            await db.Conversations.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            // A visitor with no conversation left is no longer a customer of record.
            var customerIds = conversations.Select(c => c.CustomerId).Distinct().ToList();
            await db.Customers.Where(cu => customerIds.Contains(cu.Id) && !db.Conversations.Any(c => c.CustomerId == cu.Id))
                .ExecuteDeleteAsync(ct);

            await tx.CommitAsync(ct);
            return conversations.Count;
        }
    }
}
