using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Callbacks;

public enum ResolutionOutcome { Resolved = 0, AlreadyResolved = 1, NotFound = 2 }

/// <summary>Who clicked "Mark resolved". Id is null when the console has no signed-in user.</summary>
public sealed record ResolvingAgent(string? Id, string Name);

/// <summary>Marks a callback request (and its conversation) Resolved, once, however many agents click at the same time.</summary>
public sealed class CallbackResolution(IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate, IInboxEvents events, TimeProvider clock, AuditLog audit)
{
    public async Task<ResolutionOutcome> ResolveAsync(Guid callbackId, ResolvingAgent agent, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = string.IsNullOrWhiteSpace(agent.Name) ? "An agent" : agent.Name.Trim();
        if (name.Length > 100) name = name[..100];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Guid conversationId, queueId;
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // The WHERE on Status is the concurrency guard: of any number of simultaneous calls exactly one
            // changes the row; the others see 0 rows and report AlreadyResolved instead of failing.
            var changed = await db.CallbackRequests
                .Where(c => c.Id == callbackId && c.Status == CallbackStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, CallbackStatus.Resolved)
                    .SetProperty(c => c.ResolvedAt, now)
                    .SetProperty(c => c.ResolvedById, agent.Id)
                    .SetProperty(c => c.ResolvedByName, name), ct);

            if (changed == 0)
            {
                var exists = await db.CallbackRequests.AnyAsync(c => c.Id == callbackId, ct);
                return exists ? ResolutionOutcome.AlreadyResolved : ResolutionOutcome.NotFound;
            }

            var conversation = await db.CallbackRequests.AsNoTracking()
                .Where(c => c.Id == callbackId)
                .Select(c => new { c.ConversationId, c.Conversation!.QueueId })
                .SingleAsync(ct);
            await db.Conversations
                .Where(c => c.Id == conversation.ConversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Resolved), ct);

            await tx.CommitAsync(ct);
            (conversationId, queueId) = (conversation.ConversationId, conversation.QueueId);
        }

        events.Publish(new CallbackResolved(callbackId, conversationId, queueId, name, now));
        await audit.RecordAsync(AuditAction.CallbackResolved, agent.Id, name, callbackId.ToString(), ct: ct);
        return ResolutionOutcome.Resolved;
    }
}
