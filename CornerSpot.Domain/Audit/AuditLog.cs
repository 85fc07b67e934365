using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Audit;

/// <summary>Appends to the audit trail and reads it back for admins. There is no update or delete.</summary>
public sealed class AuditLog(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
{
    public async Task RecordAsync(AuditAction action, string? actorId, string actor, string? subject = null, string? detail = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, Action = action, ActorId = actorId, Actor = Clip(actor) ?? "",
            ClientAddress = Clip(AuditOrigin.ClientAddress), Subject = Clip(subject), Detail = Clip(detail),
        });
        await db.SaveChangesAsync(ct);
    }

    public Task RecordAsync(AuditAction action, ActingAgent actor, string? subject = null, string? detail = null, CancellationToken ct = default) =>
        RecordAsync(action, actor.Id, actor.Email, subject, detail, ct);

    /// <summary>Newest first, one page. Admins only (re-checked in the database).</summary>
    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> ListAsync(ClaimsPrincipal viewer, AuditFilter filter, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequireAdminAsync(viewer, ct);
        var query = db.AuditEntries.AsNoTracking();
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        if (filter.Who?.Trim() is { Length: > 0 } who) query = query.Where(e => e.Actor.Contains(who) || (e.Subject != null && e.Subject.Contains(who)));
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id).Skip(skip).Take(Math.Clamp(take, 1, 200))
            .Select(e => new AuditRow(e.Id, e.At, e.Action, e.Actor, e.ClientAddress, e.Subject, e.Detail))
            .ToListAsync(ct);
        return (rows, total);
    }

    private static string? Clip(string? text) =>
        text is { Length: > AuditEntry.TextLength } ? text[..AuditEntry.TextLength] : text;
}
