using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Retention;

/// <summary>
/// An admin's "Erase customer", by phone number or email: deletes the customer's messages, status links and stored
/// replies, and blanks every personal field on their customer record, conversations, callbacks and call notes. The rows
/// themselves stay, anonymous, so the reports count what happened as before. A pending callback is cancelled: there is
/// no one left to call.
/// </summary>
public sealed class CustomerErasure(
    IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate, PhoneNumberParser phones, TimeProvider clock, AuditLog audit)
{
    public const string ErasedName = "Erased customer";
    private const string ErasedText = "[erased]";

    /// <summary>Who and what the phone number or email finds; null when it finds no customer.</summary>
    public async Task<ErasurePreview?> PreviewAsync(ClaimsPrincipal actor, string phoneOrEmail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequireAdminAsync(actor, ct);
        return Target(phoneOrEmail) is { } target ? await PreviewAsync(db, await FindAsync(db, target, ct), ct) : null;
    }

    /// <summary>Erases the customer the phone number or email finds; null when it finds none.</summary>
    public async Task<ErasurePreview?> EraseAsync(ClaimsPrincipal actor, string phoneOrEmail, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (Target(phoneOrEmail) is not { } target) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        ErasurePreview? erased;
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var found = await FindAsync(db, target, ct);
            erased = await PreviewAsync(db, found, ct);
            if (erased is null) return null;
            await EraseAsync(db, found, target, now, ct);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync(AuditAction.CustomerErased, admin, null, erased.Summary, ct);
        return erased;
    }

    private sealed record ErasureTarget(string? PhoneE164, string? Email);

    private sealed record Found(List<Guid> CustomerIds, List<Guid> ConversationIds, List<Guid> CallbackIds, List<string> Traces);

    private ErasureTarget? Target(string phoneOrEmail)
    {
        var text = phoneOrEmail.Trim();
        if (text.Contains('@')) return text.Length > 3 ? new ErasureTarget(null, text.ToLowerInvariant()) : null;
        return phones.ToE164(text) is { } e164 ? new ErasureTarget(e164, null) : null;
    }

    private static async Task<Found> FindAsync(CornerSpotDb db, ErasureTarget target, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.PhoneE164 == target.PhoneE164 || (target.Email != null && c.Email != null && c.Email.ToLower() == target.Email))
            .Select(c => new { c.Id, c.PhoneE164, c.Email }).ToListAsync(ct);
        var customerIds = customers.Select(c => c.Id).ToList();
        var conversationIds = await db.Conversations.Where(c => customerIds.Contains(c.CustomerId)).Select(c => c.Id).ToListAsync(ct);
        var callbacks = await db.CallbackRequests.AsNoTracking()
            .Where(cb => conversationIds.Contains(cb.ConversationId) || cb.PhoneE164 == target.PhoneE164
                         || (target.Email != null && cb.Email != null && cb.Email.ToLower() == target.Email))
            .Select(cb => new { cb.Id, cb.PhoneE164, cb.PhoneAsTyped, cb.Email }).ToListAsync(ct);
        // Every form the number or address was stored in, to wipe from free text elsewhere.
        var traces = customers.SelectMany(c => new[] { c.PhoneE164, c.Email })
            .Concat(callbacks.SelectMany(cb => new[] { cb.PhoneE164, cb.PhoneAsTyped, cb.Email }))
            .Append(target.PhoneE164).Append(target.Email)
            .OfType<string>().Where(t => t.Length >= 5).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new Found(customerIds, conversationIds, callbacks.Select(cb => cb.Id).ToList(), traces);
    }

    private static async Task<ErasurePreview?> PreviewAsync(CornerSpotDb db, Found found, CancellationToken ct)
    {
        if (found.CustomerIds.Count == 0 && found.CallbackIds.Count == 0) return null;
        var name = await db.Customers.Where(c => found.CustomerIds.Contains(c.Id)).OrderByDescending(c => c.LastSeenAt)
                       .Select(c => c.Name).FirstOrDefaultAsync(ct)
                   ?? await db.CallbackRequests.Where(cb => found.CallbackIds.Contains(cb.Id)).Select(cb => cb.Name).FirstAsync(ct);
        var messages = await db.Messages.CountAsync(m => found.ConversationIds.Contains(m.ConversationId), ct);
        return new ErasurePreview(name, found.ConversationIds.Count, messages, found.CallbackIds.Count);
    }

    private static async Task EraseAsync(CornerSpotDb db, Found found, ErasureTarget target, DateTime now, CancellationToken ct)
    {
        var (customers, conversations, callbacks) = (found.CustomerIds, found.ConversationIds, found.CallbackIds);

        // Nothing is left to call: a pending callback ends as the visitor's own cancellation would.
        var pending = await db.CallbackRequests.Where(cb => callbacks.Contains(cb.Id) && cb.Status == CallbackStatus.Pending)
            .Select(cb => cb.Id).ToListAsync(ct);
        await db.CallbackRequests.Where(cb => pending.Contains(cb.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(cb => cb.Status, CallbackStatus.Resolved).SetProperty(cb => cb.ResolvedAt, now)
            .SetProperty(cb => cb.Outcome, CallbackOutcome.CancelledByVisitor).SetProperty(cb => cb.ResolvedByName, "Visitor")
            .SetProperty(cb => cb.ClaimedById, (string?)null).SetProperty(cb => cb.ClaimedByName, (string?)null)
            .SetProperty(cb => cb.ClaimedAt, (DateTime?)null).SetProperty(cb => cb.NextTryAt, (DateTime?)null), ct);
        db.CallbackActivities.AddRange(pending.Select(id => new CallbackActivity
        {
            Id = Guid.CreateVersion7(), CallbackRequestId = id, Kind = CallbackActivityKind.Cancelled, ActorName = "Visitor", At = now,
        }));
        await db.SaveChangesAsync(ct);

        // One statement per table that can hold the customer's data.
        await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        await db.ChatMessageKeys.Where(k => conversations.Contains(k.ConversationId)).ExecuteDeleteAsync(ct);
        // Webhook payloads carry name, phone, email and messages; their delivery log holds none and goes with them.
        await db.WebhookOutbox.Where(m => (m.CustomerId != null && customers.Contains(m.CustomerId.Value))
                || (m.ConversationId != null && conversations.Contains(m.ConversationId.Value))
                || (m.CallbackRequestId != null && callbacks.Contains(m.CallbackRequestId.Value)))
            .ExecuteDeleteAsync(ct);
        await db.CallbackLinks.Where(l => callbacks.Contains(l.CallbackRequestId)).ExecuteDeleteAsync(ct);
        await db.IdempotencyRecords.Where(r => callbacks.Contains(r.CallbackRequestId)).ExecuteDeleteAsync(ct);
        await db.CallbackActivities.Where(a => callbacks.Contains(a.CallbackRequestId) && a.Note != null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Note, (string?)null), ct);
        await db.CallbackRequests.Where(cb => callbacks.Contains(cb.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(cb => cb.Name, ErasedName).SetProperty(cb => cb.PhoneE164, "").SetProperty(cb => cb.PhoneAsTyped, "")
            .SetProperty(cb => cb.Email, (string?)null).SetProperty(cb => cb.Note, (string?)null)
            .SetProperty(cb => cb.PageUrl, (string?)null).SetProperty(cb => cb.VisitorTimeZone, (string?)null), ct);
        // Another visitor's request can carry this email: only the address goes there.
        if (target.Email is { } email)
            await db.CallbackRequests.Where(cb => cb.Email != null && cb.Email.ToLower() == email)
                .ExecuteUpdateAsync(s => s.SetProperty(cb => cb.Email, (string?)null), ct);
        await db.Conversations.Where(c => conversations.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Preview, ""), ct);
        foreach (var id in customers)
        {
            // The phone number is the customer's unique key: an anonymous stand-in keeps the row (and its counts).
            var standIn = "erased-" + id.ToString("N")[..9];
            await db.Customers.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Name, ErasedName).SetProperty(c => c.PhoneE164, standIn).SetProperty(c => c.Email, (string?)null)
                .SetProperty(c => c.TimeZone, (string?)null).SetProperty(c => c.LastPageUrl, (string?)null), ct);
        }
        foreach (var trace in found.Traces)
        {
            await db.AuditEntries.Where(e => e.Subject != null && e.Subject.Contains(trace))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Subject, e => e.Subject!.Replace(trace, ErasedText)), ct);
            await db.AuditEntries.Where(e => e.Detail != null && e.Detail.Contains(trace))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, e => e.Detail!.Replace(trace, ErasedText)), ct);
            await db.AuditEntries.Where(e => e.Actor.Contains(trace))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, e => e.Actor.Replace(trace, ErasedText)), ct);
        }
    }
}
