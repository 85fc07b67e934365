using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Conversations;

public sealed record ConversationView(
    Guid Id,
    ConversationStatus Status,
    string QueueName,
    DateTime CreatedAt,
    IReadOnlyList<MessageView> Messages,
    CustomerView Customer,
    CallbackCardView? Callback);

/// <param name="IsInternal">An internal note: shown to agents only, marked "Internal note".</param>
public sealed record MessageView(Guid Id, MessageAuthor Author, string AuthorName, string Body, DateTime SentAt, bool IsInternal = false);

public sealed record CustomerView(
    Guid Id,
    string Name,
    string? PhoneE164,
    string? Email,
    string? TimeZone,
    string? LastPageUrl,
    DateTime FirstSeenAt,
    IReadOnlyList<EarlierConversation> OtherConversations);

public sealed record EarlierConversation(Guid Id, string Preview, string QueueName, ConversationStatus Status, DateTime LastActivityAt);

/// <summary>One conversation as the agent reads it: messages, the Customer sidebar and the callback card.</summary>
public sealed class ConversationQuery(IDbContextFactory<CornerSpotDb> dbFactory, CallbackOptions callbackOptions, TimeProvider clock)
{
    public const int MaxMessages = 500;
    public const int MaxOtherConversations = 10;

    public async Task<ConversationView?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var head = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new { c.Id, c.Status, QueueName = c.Queue!.Name, c.CreatedAt, c.CustomerId })
            .SingleOrDefaultAsync(ct);
        if (head is null) return null;

        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == id)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Take(MaxMessages)
            .Select(m => new MessageView(m.Id, m.Author, m.AuthorName ?? "", m.Body, m.SentAt, m.IsInternal))
            .ToListAsync(ct);
        messages.Reverse();

        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == head.CustomerId)
            .Select(c => new { c.Id, c.Name, c.PhoneE164, c.Email, c.TimeZone, c.LastPageUrl, c.FirstSeenAt })
            .SingleAsync(ct);

        var others = await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == head.CustomerId && c.Id != id)
            .OrderByDescending(c => c.LastActivityAt)
            .Take(MaxOtherConversations)
            .Select(c => new EarlierConversation(c.Id, c.Preview, c.Queue!.Name, c.Status, c.LastActivityAt))
            .ToListAsync(ct);

        var callback = await db.CallbackRequests.AsNoTracking()
            .Where(c => c.ConversationId == id)
            .OrderByDescending(c => c.RequestedAt)
            .Select(CallbackCardView.Projection)
            .FirstOrDefaultAsync(ct);
        if (callback is not null)
        {
            var activity = await db.CallbackActivities.AsNoTracking()
                .Where(a => a.CallbackRequestId == callback.Id)
                .OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new CallbackActivityView(a.Kind, a.CallOutcome, a.Note, a.ActorName, a.At))
                .ToListAsync(ct);
            // A claim lapses Callbacks:ClaimMinutes after it was made: then nobody is calling.
            var lapsed = callback.ClaimedAt is { } at && at <= clock.GetUtcNow().UtcDateTime - callbackOptions.ClaimDuration;
            callback = callback with
            {
                Activity = activity,
                MaxAttempts = callbackOptions.MaxAttempts,
                ClaimedById = lapsed ? null : callback.ClaimedById,
                ClaimedByName = lapsed ? null : callback.ClaimedByName,
                ClaimedAt = lapsed ? null : callback.ClaimedAt,
            };
        }

        return new ConversationView(head.Id, head.Status, head.QueueName, head.CreatedAt, messages,
            new CustomerView(customer.Id, customer.Name, customer.PhoneE164, customer.Email, customer.TimeZone,
                customer.LastPageUrl, customer.FirstSeenAt, others),
            callback);
    }
}
