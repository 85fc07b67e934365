using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// The outbox from the sender's side: claim what is due (a lease taken by conditional update, so of several nodes
/// exactly one sends an attempt), record how the attempt went and when to try again; and the delivery log and
/// "Resend" for admins.
/// </summary>
public sealed class WebhookDeliveries(
    IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, WebhookOptions options, WebhookOutbox outbox, CornerSpotMetrics metrics)
{
    /// <summary>Takes up to <paramref name="max"/> due messages of enabled endpoints for <paramref name="owner"/>.</summary>
    public async Task<IReadOnlyList<WebhookClaim>> ClaimDueAsync(string owner, int max, CancellationToken ct)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.WebhookOutbox.AsNoTracking()
            .Where(m => m.Status == WebhookMessageStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .Join(db.WebhookEndpoints.Where(e => e.Enabled), m => m.EndpointId, e => e.Id,
                (m, e) => new { m.Id, m.EndpointId, m.Attempts, m.Payload, m.CreatedAt, e.Url, e.ProtectedSecret })
            .OrderBy(m => m.Id).Take(max).ToListAsync(ct);
        var claims = new List<WebhookClaim>(due.Count);
        var until = now + options.Lease;
        foreach (var m in due)
        {
            // The WHERE is the lease: another node that read the same row before us finds it taken and skips it.
            var taken = await db.WebhookOutbox
                .Where(r => r.Id == m.Id && r.Status == WebhookMessageStatus.Pending && r.Attempts == m.Attempts
                            && (r.LeaseUntil == null || r.LeaseUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, until), ct);
            if (taken == 1)
                claims.Add(new WebhookClaim(m.Id, "msg_" + m.Id.ToString("N"), m.EndpointId, m.Url, m.ProtectedSecret, m.Payload,
                    m.CreatedAt, m.Attempts + 1, owner));
        }
        return claims;
    }

    /// <summary>Logs the attempt and releases the lease: delivered, due again after the back-off, or failed for good.</summary>
    public async Task RecordAsync(WebhookClaim claim, DateTime attemptedAt, WebhookSendResult result, CancellationToken ct)
    {
        var now = Now;
        var next = result.Delivered ? null : options.NextAttemptAt(claim.CreatedAt, claim.Attempt, now);
        var status = result.Delivered ? WebhookMessageStatus.Delivered : next is null ? WebhookMessageStatus.Failed : WebhookMessageStatus.Pending;
        metrics.WebhookDelivered(result.Delivered ? "delivered" : result.StatusCode is null ? "refused_or_timed_out"
            : next is null ? "failed" : "retrying");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var mine = await db.WebhookOutbox.Where(m => m.Id == claim.MessageId && m.LeaseOwner == claim.LeaseOwner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, claim.Attempt)
                .SetProperty(m => m.LastAttemptAt, attemptedAt).SetProperty(m => m.NextAttemptAt, next ?? now)
                .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), ct);
        // A message deleted meanwhile (endpoint removed, customer erased) leaves nothing to log against.
        if (mine == 0) return;
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            MessageId = claim.MessageId, EndpointId = claim.EndpointId, At = attemptedAt, Attempt = claim.Attempt,
            StatusCode = result.StatusCode, DurationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds),
            Error = result.Error is { Length: > WebhookDeliveryAttempt.MaxErrorLength } e ? e[..WebhookDeliveryAttempt.MaxErrorLength] : result.Error,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The soonest a pending message of an enabled endpoint is due; null when none is waiting.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookOutbox.AsNoTracking().Where(m => m.Status == WebhookMessageStatus.Pending)
            .Join(db.WebhookEndpoints.Where(e => e.Enabled), m => m.EndpointId, e => e.Id, (m, e) => (DateTime?)(m.LeaseUntil ?? m.NextAttemptAt))
            .OrderBy(t => t).FirstOrDefaultAsync(ct);
    }

    /// <summary>The endpoint's delivery log, newest first. Admins only.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> LogAsync(ClaimsPrincipal viewer, Guid endpointId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequireAdminAsync(viewer, ct);
        var rows = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.EndpointId == endpointId)
            .OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 200))
            .Join(db.WebhookOutbox, a => a.MessageId, m => m.Id, (a, m) => new { a, m.EventType, m.Status })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.a.Id).Select(r => new WebhookDeliveryRow(r.a.Id, r.a.MessageId, WebhookEventTypes.WireName(r.EventType),
            r.a.At, r.a.Attempt, r.a.StatusCode, r.a.DurationMs, r.a.Error, r.Status)).ToList();
    }

    /// <summary>"Resend": the message is due now again, with a fresh 24-hour window. Admins only.</summary>
    /// <returns>null when queued; otherwise why not.</returns>
    public async Task<string?> ResendAsync(ClaimsPrincipal actor, Guid messageId, CancellationToken ct)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequireAdminAsync(actor, ct);
        var changed = await db.WebhookOutbox.Where(m => m.Id == messageId && m.LeaseUntil == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, WebhookMessageStatus.Pending).SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.CreatedAt, now), ct);
        if (changed == 0) return "That delivery is being sent right now, or it is gone.";
        outbox.Notify();
        return null;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
