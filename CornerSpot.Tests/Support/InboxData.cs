using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Queues;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Support;

/// <summary>Puts known conversations into a harness's database: callbacks through the real intake, live chats directly.</summary>
public static class InboxData
{
    public static async Task<Guid> QueueAsync(this DomainHarness harness, string slug, string name)
    {
        await using var db = harness.Db();
        var queue = new Queue { Id = Guid.CreateVersion7(), Name = name, Slug = slug, CreatedAt = harness.Clock.GetUtcNow().UtcDateTime };
        db.Queues.Add(queue);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return queue.Id;
    }

    /// <summary>Submits a callback request as the widget would; the clock then moves on a minute so order is defined.</summary>
    public static async Task<CallbackReceipt> CallbackAsync(this DomainHarness harness, CallbackSubmission submission)
    {
        var result = await harness.Get<CallbackIntake>().SubmitAsync(submission, null, Xunit.TestContext.Current.CancellationToken);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        return Assert.IsType<IntakeResult.Accepted>(result).Receipt;
    }

    /// <summary>A live chat (no callback) with the given visitor message.</summary>
    public static async Task<Guid> ChatAsync(this DomainHarness harness, string name, string phoneE164, string message,
        ConversationStatus status = ConversationStatus.Open, string queueSlug = Queue.DefaultSlug, string? email = null)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var now = harness.Clock.GetUtcNow().UtcDateTime;
        await using var db = harness.Db();
        var queueId = await db.Queues.Where(q => q.Slug == queueSlug).Select(q => q.Id).SingleAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.PhoneE164 == phoneE164, ct);
        if (customer is null)
        {
            customer = new Customer { Id = Guid.CreateVersion7(), Name = name, PhoneE164 = phoneE164, Email = email, FirstSeenAt = now, LastSeenAt = now };
            db.Customers.Add(customer);
        }
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(), QueueId = queueId, CustomerId = customer.Id, Status = status, CreatedAt = now,
            LastActivityAt = now, Preview = Message.ToPreview(message),
            Messages = [new Message { Id = Guid.CreateVersion7(), Author = MessageAuthor.Visitor, AuthorName = name, Body = message, SentAt = now }],
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        return conversation.Id;
    }
}
