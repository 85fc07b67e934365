using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// Admin changes to webhook endpoints. Every call re-checks in the database that the acting user is an enabled
/// Admin; changes are audited and make the writers re-read the endpoints.
/// </summary>
public sealed class WebhookEndpoints(
    IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, AuditLog audit, WebhookOutbox outbox, WebhookOptions options,
    IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector(WebhookSecret.ProtectorPurpose);

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(ClaimsPrincipal viewer, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequireAdminAsync(viewer, ct);
        return await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt)
            .Select(e => new WebhookEndpointRow(e.Id, e.Url, e.Events, e.Enabled, e.CreatedAt,
                db.WebhookOutbox.Count(m => m.EndpointId == e.Id && m.Status == WebhookMessageStatus.Pending),
                db.WebhookOutbox.Count(m => m.EndpointId == e.Id && m.Status == WebhookMessageStatus.Failed)))
            .ToListAsync(ct);
    }

    public async Task<WebhookEndpointCreated> CreateAsync(ClaimsPrincipal actor, string url, WebhookEventType events, bool enabled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (Problem(url, events) is { } problem) return new WebhookEndpointCreated(problem);
        var secret = WebhookSecret.Generate();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(), Url = url.Trim(), Events = events, Enabled = enabled, ProtectedSecret = Protector.Protect(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        outbox.Invalidate();
        await audit.RecordAsync(AuditAction.WebhookAdded, admin, endpoint.Url, Describe(events, enabled), ct);
        return new WebhookEndpointCreated(null, endpoint.Id, secret);
    }

    /// <returns>null when saved; otherwise what is wrong.</returns>
    public async Task<string?> UpdateAsync(ClaimsPrincipal actor, Guid id, string url, WebhookEventType events, bool enabled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (Problem(url, events) is { } problem) return problem;
        var changed = await db.WebhookEndpoints.Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Url, url.Trim()).SetProperty(e => e.Events, events).SetProperty(e => e.Enabled, enabled), ct);
        if (changed == 0) return "That endpoint no longer exists.";
        outbox.Invalidate();
        await audit.RecordAsync(AuditAction.WebhookChanged, admin, url.Trim(), Describe(events, enabled), ct);
        return null;
    }

    /// <summary>Removes the endpoint with its undelivered messages and its log.</summary>
    public async Task<string?> DeleteAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        var url = await db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Url).SingleOrDefaultAsync(ct);
        if (url is null) return "That endpoint no longer exists.";
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.WebhookDeliveryAttempts.Where(a => a.EndpointId == id).ExecuteDeleteAsync(ct);
            await db.WebhookOutbox.Where(m => m.EndpointId == id).ExecuteDeleteAsync(ct);
            await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        outbox.Invalidate();
        await audit.RecordAsync(AuditAction.WebhookRemoved, admin, url, ct: ct);
        return null;
    }

    /// <summary>The endpoint's secret in clear, for the sender.</summary>
    public string Unprotect(string protectedSecret) => Protector.Unprotect(protectedSecret);

    private string? Problem(string url, WebhookEventType events) =>
        WebhookTargets.Problem(url, options.AllowPrivateTargets)
        ?? (events == WebhookEventType.None ? "Choose at least one event to send." : null);

    private static string Describe(WebhookEventType events, bool enabled) =>
        (enabled ? "enabled: " : "disabled: ") + string.Join(", ", WebhookEventTypes.Each(events).Select(WebhookEventTypes.WireName));
}
