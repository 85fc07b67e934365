using System.Security.Cryptography;
using System.Text.Json;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Telemetry;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Callbacks;

/// <summary>
/// Turns a visitor's submission into a Customer, a Pending Conversation and a Pending CallbackRequest:
/// validates it, decides everything about the write, hands it to <see cref="CallbackWriter"/> and publishes
/// <see cref="CallbackRequested"/> once it is committed.
/// </summary>
public sealed class CallbackIntake(
    CallbackWriter writer,
    IValidator<CallbackSubmission> validator,
    PhoneNumberParser phones,
    IInboxEvents events,
    TimeProvider clock,
    IDataProtectionProvider dataProtection,
    CornerSpotMetrics metrics,
    ILogger<CallbackIntake> logger)
{
    private readonly IDataProtector protector = dataProtection.CreateProtector("CornerSpot.CallbackLinks");

    public Task<IntakeResult> SubmitAsync(CallbackSubmission submission, string? idempotencyKey, CancellationToken ct) =>
        SubmitAsync(submission, idempotencyKey, visitorToken: null, queue: null, ct);

    /// <param name="visitorToken">The chat's visitor token when <see cref="CallbackSubmission.ConversationId"/> is set.</param>
    public Task<IntakeResult> SubmitAsync(CallbackSubmission submission, string? idempotencyKey, string? visitorToken, CancellationToken ct) =>
        SubmitAsync(submission, idempotencyKey, visitorToken, queue: null, ct);

    /// <param name="visitorToken">The chat's visitor token when <see cref="CallbackSubmission.ConversationId"/> is set.</param>
    /// <param name="queue">The submission's queue if the caller has just read it (<see cref="QueueStatusQuery.FindTargetAsync"/>), so it is not read twice.</param>
    public async Task<IntakeResult> SubmitAsync(CallbackSubmission submission, string? idempotencyKey, string? visitorToken, QueueTarget? queue,
        CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var result = await SubmitCoreAsync(submission, idempotencyKey, visitorToken, queue, ct);
        metrics.IntakeCompleted(result switch
        {
            IntakeResult.Accepted { Replayed: true } => "replayed",
            IntakeResult.Accepted => "accepted",
            IntakeResult.Invalid => "invalid",
            IntakeResult.KeyReused => "key_reused",
            IntakeResult.CallbacksDisabled => "callbacks_disabled",
            IntakeResult.ConversationNotFound => "conversation_not_found",
            _ => "other",
        }, clock.GetElapsedTime(started));
        return result;
    }

    private async Task<IntakeResult> SubmitCoreAsync(CallbackSubmission submission, string? idempotencyKey, string? visitorToken, QueueTarget? queueRead,
        CancellationToken ct)
    {
        var requestHash = Hash(submission);

        // A retry of a stored request gets its first answer even if it would no longer validate (its preferred window
        // has ended since, say, or the form was turned off): the visitor's first try did get through. A retry that
        // would still be stored finds its answer in the writer, which looks for every key anyway.
        async Task<IntakeResult?> ReplayAsync() =>
            idempotencyKey is not null && await writer.FindReplayAsync(idempotencyKey, requestHash, ct) is { } replay ? Unprotected(replay) : null;

        var context = CallbackSubmissionValidator.ContextFor(submission, queueRead);
        var validation = await validator.ValidateAsync(context, ct);
        if (!validation.IsValid)
        {
            if (await ReplayAsync() is { } replayed) return replayed;
            // Field names only: what a visitor typed is personal data and stays out of logs.
            logger.LogInformation("Callback submission rejected; invalid fields: {Fields}",
                string.Join(", ", validation.Errors.Select(e => e.PropertyName).Distinct()));
            return new IntakeResult.Invalid(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }

        var queue = CallbackSubmissionValidator.QueueOf(context);
        if (!queue.CallbackEnabled) return await ReplayAsync() ?? new IntakeResult.CallbacksDisabled(queue.Name);

        var note = string.IsNullOrWhiteSpace(submission.Note) ? null : submission.Note.Trim();
        var statusToken = CallbackLink.NewToken();
        var write = new CallbackWrite(
            idempotencyKey,
            requestHash,
            CallbackId: Guid.CreateVersion7(),
            ConversationId: submission.ConversationId ?? Guid.CreateVersion7(),
            QueueId: queue.Id,
            RequestedAt: clock.GetUtcNow().UtcDateTime,
            Name: submission.Name!.Trim(),
            PhoneE164: phones.ToE164(submission.Phone, submission.Country)!,
            PhoneAsTyped: submission.Phone!.Trim(),
            Email: NullIfBlank(submission.Email),
            TimeZone: submission.TimeZone,
            PageUrl: NullIfBlank(submission.PageUrl),
            PreferredStartUtc: submission.PreferredWindow?.Start?.UtcDateTime,
            PreferredEndUtc: submission.PreferredWindow?.End?.UtcDateTime,
            Note: note,
            VisitorMessage: VisitorMessage(note),
            StatusTokenHash: CallbackLink.Hash(statusToken),
            ProtectedStatusToken: protector.Protect(statusToken),
            // An empty token still attaches (and is refused): a conversation id alone must never start a new one.
            AttachToken: submission.ConversationId is null ? null : visitorToken ?? "");

        var result = await writer.WriteAsync(write);
        if (result is IntakeResult.Accepted { Replayed: false, Receipt: var receipt })
        {
            logger.LogInformation("Callback request {CallbackId} received for queue {Queue}{Repeat}", receipt.Id, queue.Slug,
                receipt.Repeat ? " (requested again)" : "");
            metrics.CallbackReceived(queue.Slug, receipt.Repeat);
            events.Publish(receipt.Repeat
                ? new CallbackUpdated(receipt.Id, receipt.ConversationId, queue.Id, CallbackActivityKind.RequestedAgain, null, write.RequestedAt)
                : new CallbackRequested(receipt.Id, receipt.ConversationId, queue.Id, write.Name, write.RequestedAt));
            // The chat became a callback: the visitor's stream and the console learn its new status.
            if (write.Attaches)
                events.Publish(new ConversationStatusChanged(receipt.ConversationId, queue.Id, Conversations.ConversationStatus.Pending, write.RequestedAt));
            // The token opens the visitor's link to the request it went to (the earlier one, for a repeat).
            return new IntakeResult.Accepted(receipt, Replayed: false, statusToken);
        }
        return Unprotected(result);
    }

    private IntakeResult Unprotected(IntakeResult result) =>
        result is IntakeResult.Accepted { StatusToken: { } token } accepted
            ? accepted with { StatusToken = TryUnprotect(token) }
            : result;

    // A record written before its keys were rotated away (or before links existed) replays without a link.
    private string? TryUnprotect(string token)
    {
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string VisitorMessage(string? note)
    {
        const string request = "Hi, I reached out while your team was offline and would like a call back.";
        return note is null ? request : $"{request}\n\n{note}";
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Hash(CallbackSubmission submission) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(submission)));
}
