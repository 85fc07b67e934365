using System.Security.Cryptography;
using System.Text.Json;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
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

        // SQLite takes the write lock at BEGIN, so two requests with one key run one after the other
        // and the second finds the first's record here.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (idempotencyKey is not null && await ReplayAsync(db, idempotencyKey, requestHash, ct) is { } raced)
            return raced;

        var slug = submission.Queue ?? Queue.DefaultSlug;
        var queue = await db.Queues.SingleAsync(q => q.Slug == slug, ct);
        if (!queue.CallbackEnabled) return new IntakeResult.CallbacksDisabled(queue.Name);

        var now = clock.GetUtcNow().UtcDateTime;
        var name = submission.Name!.Trim();
        var phone = phones.ToE164(submission.Phone, submission.Country)!;
        var email = string.IsNullOrWhiteSpace(submission.Email) ? null : submission.Email.Trim();
        var note = string.IsNullOrWhiteSpace(submission.Note) ? null : submission.Note.Trim();

        var customer = await db.Customers.SingleOrDefaultAsync(c => c.PhoneE164 == phone, ct);
        if (customer is null)
        {
            customer = new Customer { Id = Guid.CreateVersion7(), Name = name, PhoneE164 = phone, FirstSeenAt = now };
            db.Customers.Add(customer);
        }
        customer.Name = name;
        customer.LastSeenAt = now;
        customer.Email = email ?? customer.Email;
        customer.TimeZone = submission.TimeZone ?? customer.TimeZone;
        customer.LastPageUrl = string.IsNullOrWhiteSpace(submission.PageUrl) ? customer.LastPageUrl : submission.PageUrl.Trim();

        var body = VisitorMessage(note);
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(),
            QueueId = queue.Id,
            CustomerId = customer.Id,
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
        db.Conversations.Add(conversation);
        db.CallbackRequests.Add(callback);
        if (idempotencyKey is not null)
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = idempotencyKey, RequestHash = requestHash, CallbackRequestId = callback.Id, CreatedAt = now,
            });

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogInformation("Callback request {CallbackId} received for queue {Queue}", callback.Id, queue.Slug);
        events.Publish(new CallbackRequested(callback.Id, conversation.Id, queue.Id, name, now));
        return new IntakeResult.Accepted(new CallbackReceipt(callback.Id, conversation.Id, callback.Status, now), Replayed: false);
    }

    private static async Task<IntakeResult?> ReplayAsync(CornerSpotDb db, string key, string requestHash, CancellationToken ct)
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
