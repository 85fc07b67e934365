using System.Security.Cryptography;
using System.Text.Json;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Callbacks;

public abstract record IntakeResult
{
    public sealed record Accepted(CallbackReceipt Receipt, bool Replayed) : IntakeResult;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : IntakeResult;
    /// <summary>The Idempotency-Key was already used for a different submission.</summary>
    public sealed record KeyReused : IntakeResult;
    public sealed record CallbacksDisabled(string QueueName) : IntakeResult;
}

/// <summary>Turns a visitor's submission into a Customer, a Pending Conversation and a Pending CallbackRequest.</summary>
public sealed class CallbackIntake(
    IDbContextFactory<CornerSpotDb> dbFactory,
    CallbackWriter writer,
    IValidator<CallbackSubmission> validator,
    PhoneNumberParser phones,
    IInboxEvents events,
    TimeProvider clock,
    ILogger<CallbackIntake> logger)
{
    public const int MaxIdempotencyKeyLength = 200;

    public async Task<IntakeResult> SubmitAsync(CallbackSubmission submission, string? idempotencyKey, CancellationToken ct)
    {
        var requestHash = Hash(submission);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // A retry of a stored request gets its first answer even if it would no longer validate
        // (its preferred window has ended since, say): the visitor's first try did get through.
        if (idempotencyKey is not null && await ReplayAsync(db, idempotencyKey, requestHash, ct) is { } replay)
            return replay;

        var validation = await validator.ValidateAsync(submission, ct);
        if (!validation.IsValid)
        {
            // Field names only: what a visitor typed is personal data and stays out of logs.
            logger.LogInformation("Callback submission rejected; invalid fields: {Fields}",
                string.Join(", ", validation.Errors.Select(e => e.PropertyName).Distinct()));
            return new IntakeResult.Invalid(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }

        var slug = submission.Queue ?? Queue.DefaultSlug;
        var queue = await db.Queues.AsNoTracking().SingleAsync(q => q.Slug == slug, ct);
        if (!queue.CallbackEnabled) return new IntakeResult.CallbacksDisabled(queue.Name);

        var now = clock.GetUtcNow().UtcDateTime;
        var name = submission.Name!.Trim();
        var note = string.IsNullOrWhiteSpace(submission.Note) ? null : submission.Note.Trim();
        var body = VisitorMessage(note);
        var phone = phones.ToE164(submission.Phone, submission.Country)!;
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(),
            QueueId = queue.Id,
            Status = ConversationStatus.Pending,
            CreatedAt = now,
            LastActivityAt = now,
            Preview = Message.ToPreview(body),
            Messages = [new Message { Id = Guid.CreateVersion7(), Author = MessageAuthor.Visitor, AuthorName = name, Body = body, SentAt = now }],
        };
        var callback = new CallbackRequest
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            Name = name,
            PhoneE164 = phone,
            PhoneAsTyped = submission.Phone!.Trim(),
            PreferredStartUtc = submission.PreferredWindow?.Start?.UtcDateTime,
            PreferredEndUtc = submission.PreferredWindow?.End?.UtcDateTime,
            VisitorTimeZone = submission.TimeZone,
            Note = note,
            RequestedAt = now,
            Status = CallbackStatus.Pending,
        };

        // Everything above is read or computed before the write; the writer stores it, with the customer found or
        // created by phone, in one transaction.
        var result = await writer.WriteAsync(new CallbackWrite(
            idempotencyKey, requestHash, phone, name,
            string.IsNullOrWhiteSpace(submission.Email) ? null : submission.Email.Trim(),
            submission.TimeZone,
            string.IsNullOrWhiteSpace(submission.PageUrl) ? null : submission.PageUrl.Trim(),
            conversation, callback));
        if (result is IntakeResult.Accepted { Replayed: false })
        {
            logger.LogInformation("Callback request {CallbackId} received for queue {Queue}", callback.Id, queue.Slug);
            events.Publish(new CallbackRequested(callback.Id, conversation.Id, queue.Id, name, now));
        }
        return result;
    }

    internal static async Task<IntakeResult?> ReplayAsync(CornerSpotDb db, string key, string requestHash, CancellationToken ct)
    {
        if (await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, ct) is not { } earlier)
            return null;
        if (earlier.RequestHash != requestHash) return new IntakeResult.KeyReused();
        // The first answer said Pending; a replay says the same even if an agent has resolved it since.
        var receipt = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.Id == earlier.CallbackRequestId)
            .Select(c => new CallbackReceipt(c.Id, c.ConversationId, CallbackStatus.Pending, c.RequestedAt))
            .SingleAsync(ct);
        return new IntakeResult.Accepted(receipt, Replayed: true);
    }

    public static string VisitorMessage(string? note)
    {
        const string request = "Hi, I reached out while your team was offline and would like a call back.";
        return note is null ? request : $"{request}\n\n{note}";
    }

    private static string Hash(CallbackSubmission submission) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission)));
}
