using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Webhooks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Chat;

/// <summary>
/// Live chat both ways: a visitor starts a chat and writes; agents reply, write internal notes, resolve and reopen.
/// Every write is one transaction under the <see cref="WriteGate"/>, acknowledged only after its commit, then published
/// through <see cref="IInboxEvents"/>. A conversation's messages are ordered by (SentAt, Id), and SentAt only grows
/// within a conversation, so every reader sees the order in which they were committed.
/// </summary>
public sealed class ChatConversations(
    IDbContextFactory<CornerSpotDb> dbFactory,
    WriteGate writeGate,
    IInboxEvents events,
    TimeProvider clock,
    ChatOptions options,
    IValidator<ChatStart> validator,
    WebhookOutbox webhooks,
    IChatMessageLimiter messageLimiter,
    ILogger<ChatConversations> logger)
{
    public const int MaxMessages = 500;
    public const string AnonymousName = "Visitor";

    public ChatOptions Options => options;

    private readonly ConcurrentDictionary<(Guid, ChatSide), DateTime> _lastTyping = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Starts a chat in the queue with the visitor's first message.</summary>
    public async Task<ChatResult> StartAsync(ChatStart start, CancellationToken ct)
    {
        start = start.Normalised();
        var validation = await validator.ValidateAsync(start, ct);
        var errors = validation.Errors.GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var queue = await FindQueueAsync(start.Queue ?? Queue.DefaultSlug, ct);
        if (queue is null) errors["queue"] = [CallbackMessages.QueueUnknown];
        if (errors.Count > 0)
        {
            logger.LogInformation("Chat start rejected; invalid fields: {Fields}", string.Join(", ", errors.Keys));
            return new ChatResult.Invalid(errors);
        }

        var now = Now;
        var token = VisitorToken.New();
        var name = string.IsNullOrWhiteSpace(start.Name) ? null : start.Name.Trim();
        var text = start.Message!.Trim();
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(), Name = name ?? AnonymousName, Email = NullIfBlank(start.Email),
            LastPageUrl = NullIfBlank(start.PageUrl), FirstSeenAt = now, LastSeenAt = now,
        };
        var message = new Message
        {
            Id = Guid.CreateVersion7(), Author = MessageAuthor.Visitor, AuthorName = customer.Name, Body = text, SentAt = now,
        };
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(), QueueId = queue!.Id, CustomerId = customer.Id, Customer = customer,
            Status = ConversationStatus.Open, CreatedAt = now, LastActivityAt = now, Preview = Message.ToPreview(text),
            VisitorTokenHash = VisitorToken.Hash(token), UnreadCount = 1, Messages = [message],
        };
        await messageLimiter.TryAcquireAsync(conversation.Id);

        var subscribers = await webhooks.SubscribersAsync(ct);
        bool hooked;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        using (await writeGate.EnterAsync(ct))
        {
            db.Conversations.Add(conversation);
            // One SaveChanges: the conversation and its webhook messages commit together.
            hooked = subscribers.Want(WebhookEventType.ChatMessage) && WebhookOutbox.Enqueue(db, subscribers, WebhookEventType.ChatMessage,
                new ChatWebhookData(conversation.Id, queue.Slug, conversation.Status.ToString(), customer.Id, customer.Name, customer.Email,
                    null, null, WebhookMessage(message)),
                now, conversation.Id, customer.Id);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        if (hooked) webhooks.Notify();

        logger.LogInformation("Chat {ConversationId} started in queue {Queue}", conversation.Id, queue.Slug);
        events.Publish(new ChatStarted(conversation.Id, queue.Id, message.Id, customer.Name, now));
        events.Publish(new ChatMessagePosted(conversation.Id, queue.Id, message.Id, MessageAuthor.Visitor, false, now, View(message)));
        return new ChatResult.Started(conversation.Id, token, View(message));
    }

    /// <summary>Whether the token opens the conversation. A wrong token and a missing conversation look the same.</summary>
    public async Task<bool> VerifyVisitorAsync(Guid conversationId, string? token, CancellationToken ct) =>
        await FindForVisitorAsync(conversationId, token, ct) is not null;

    /// <summary>A visitor's message. The same Idempotency-Key with the same text answers with the first message again.</summary>
    public async Task<ChatResult> PostVisitorMessageAsync(Guid conversationId, string? token, string? text, string? idempotencyKey,
        CancellationToken ct)
    {
        var head = await FindForVisitorAsync(conversationId, token, ct);
        if (head is null) return ChatResult.NotFoundResult;
        text = text is null ? null : TextRules.Nfc(text);
        if (ChatStartValidator.TextProblem(text) is { } problem)
            return new ChatResult.Invalid(new Dictionary<string, string[]> { ["text"] = [problem] });
        text = text!.Trim();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        if (idempotencyKey is not null && await ReplayAsync(conversationId, idempotencyKey, hash, ct) is { } replay) return replay;
        if (await messageLimiter.TryAcquireAsync(conversationId) is { } retryAfter) return new ChatResult.TooMany(retryAfter);

        Message message;
        var reopened = false;
        var hooked = false;
        var subscribers = await webhooks.SubscribersAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // Under the write lock: a retry that raced the first try finds its key here.
            if (idempotencyKey is not null && await ReplayAsync(db, conversationId, idempotencyKey, hash) is { } raced) return raced;
            message = await AddMessageAsync(db, conversationId, MessageAuthor.Visitor, head.CustomerName, null, text, isInternal: false);
            if (idempotencyKey is not null)
                db.ChatMessageKeys.Add(new ChatMessageKey
                {
                    ConversationId = conversationId, Key = idempotencyKey, RequestHash = hash, MessageId = message.Id, CreatedAt = message.SentAt,
                });
            await db.SaveChangesAsync(CancellationToken.None);
            // A new visitor message reopens a resolved conversation.
            reopened = await db.Conversations.Where(c => c.Id == conversationId && c.Status == ConversationStatus.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConversationStatus.Open), CancellationToken.None) == 1;
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.UnreadCount, c => c.UnreadCount + 1)
                .SetProperty(c => c.LastActivityAt, message.SentAt)
                .SetProperty(c => c.Preview, Message.ToPreview(text)), CancellationToken.None);
            hooked = await EnqueueWebhookAsync(db, subscribers, WebhookEventType.ChatMessage, conversationId, message);
            await tx.CommitAsync(CancellationToken.None);
        }
        if (hooked) webhooks.Notify();

        events.Publish(new ChatMessagePosted(conversationId, head.QueueId, message.Id, MessageAuthor.Visitor, false, message.SentAt, View(message)));
        if (reopened) events.Publish(new ConversationStatusChanged(conversationId, head.QueueId, ConversationStatus.Open, message.SentAt));
        return new ChatResult.Posted(View(message), Replayed: false);
    }

    /// <summary>An agent's reply, or with <paramref name="isInternal"/> a note only agents see. The first agent to reply
    /// is assigned the conversation (of two replying at once, exactly one).</summary>
    public async Task<ChatResult> ReplyAsync(Guid conversationId, CallingAgent agent, string? text, bool isInternal, CancellationToken ct)
    {
        text = text is null ? null : TextRules.Nfc(text);
        if (ChatStartValidator.TextProblem(text) is { } problem)
            return new ChatResult.Invalid(new Dictionary<string, string[]> { ["text"] = [problem] });
        text = text!.Trim();
        var queueId = await QueueOfAsync(conversationId, ct);
        if (queueId is null) return ChatResult.NotFoundResult;

        Message message;
        var assigned = false;
        var hooked = false;
        var subscribers = await webhooks.SubscribersAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            message = await AddMessageAsync(db, conversationId, MessageAuthor.Agent, agent.StoredName, agent.Id, text, isInternal);
            await db.SaveChangesAsync(CancellationToken.None);
            if (!isInternal && agent.Id is not null)
                assigned = await db.Conversations.Where(c => c.Id == conversationId && c.AssignedAgentId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedAgentId, agent.Id)
                        .SetProperty(c => c.AssignedAgentName, agent.StoredName)
                        .SetProperty(c => c.AssignedAt, message.SentAt), CancellationToken.None) == 1;
            // Replying (or noting) means the agent has read what the visitor wrote.
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.UnreadCount, 0)
                .SetProperty(c => c.LastActivityAt, message.SentAt), CancellationToken.None);
            if (!isInternal)
                await db.Conversations.Where(c => c.Id == conversationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Preview, Message.ToPreview(text)), CancellationToken.None);
            // An internal note stays inside the team: it is no CRM's business either.
            if (!isInternal) hooked = await EnqueueWebhookAsync(db, subscribers, WebhookEventType.ChatMessage, conversationId, message);
            await tx.CommitAsync(CancellationToken.None);
        }
        if (hooked) webhooks.Notify();

        if (assigned) events.Publish(new ConversationAssigned(conversationId, queueId.Value, agent.Id!, agent.StoredName, message.SentAt));
        events.Publish(new ChatMessagePosted(conversationId, queueId.Value, message.Id, MessageAuthor.Agent, isInternal, message.SentAt,
            isInternal ? null : View(message)));
        return new ChatResult.Posted(View(message), Replayed: false);
    }

    /// <summary>"Resolve conversation".</summary>
    public Task<ChatResult> ResolveAsync(Guid conversationId, CancellationToken ct) =>
        ChangeStatusAsync(conversationId, ConversationStatus.Resolved, ct);

    /// <summary>Back to Open after it was resolved.</summary>
    public Task<ChatResult> ReopenAsync(Guid conversationId, CancellationToken ct) =>
        ChangeStatusAsync(conversationId, ConversationStatus.Open, ct);

    private async Task<ChatResult> ChangeStatusAsync(Guid conversationId, ConversationStatus to, CancellationToken ct)
    {
        var queueId = await QueueOfAsync(conversationId, ct);
        if (queueId is null) return ChatResult.NotFoundResult;
        var now = Now;
        int changed;
        var hooked = false;
        var subscribers = await webhooks.SubscribersAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var query = db.Conversations.Where(c => c.Id == conversationId && c.Status != to);
            // Reopening is for a resolved conversation; a Pending one waits for its callback.
            if (to == ConversationStatus.Open) query = query.Where(c => c.Status == ConversationStatus.Resolved);
            changed = await query.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.LastActivityAt, now),
                CancellationToken.None);
            if (changed == 1 && to == ConversationStatus.Resolved)
                hooked = await EnqueueWebhookAsync(db, subscribers, WebhookEventType.ConversationResolved, conversationId, message: null);
            await tx.CommitAsync(CancellationToken.None);
        }
        if (hooked) webhooks.Notify();
        if (changed == 0) return new ChatResult.Unchanged();
        events.Publish(new ConversationStatusChanged(conversationId, queueId.Value, to, now));
        return ChatResult.DoneResult;
    }

    /// <summary>An agent has seen the visitor's messages: the unread count goes back to zero.</summary>
    public async Task<ChatResult> MarkReadAsync(Guid conversationId, CallingAgent agent, CancellationToken ct)
    {
        var queueId = await QueueOfAsync(conversationId, ct);
        if (queueId is null) return ChatResult.NotFoundResult;
        int changed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        using (await writeGate.EnterAsync(ct))
            changed = await db.Conversations.Where(c => c.Id == conversationId && c.UnreadCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UnreadCount, 0), CancellationToken.None);
        if (changed == 0) return new ChatResult.Unchanged();
        events.Publish(new ChatRead(conversationId, queueId.Value, agent.Id));
        return ChatResult.DoneResult;
    }

    /// <summary>The visitor is typing. Published at most once per <see cref="ChatOptions.TypingInterval"/>.</summary>
    public async Task<ChatResult> VisitorTypingAsync(Guid conversationId, string? token, CancellationToken ct)
    {
        var head = await FindForVisitorAsync(conversationId, token, ct);
        if (head is null) return ChatResult.NotFoundResult;
        PublishTyping(conversationId, head.QueueId, ChatSide.Visitor, null);
        return ChatResult.DoneResult;
    }

    /// <summary>An agent is typing. Published at most once per <see cref="ChatOptions.TypingInterval"/>.</summary>
    public async Task<ChatResult> AgentTypingAsync(Guid conversationId, CallingAgent agent, CancellationToken ct)
    {
        var queueId = await QueueOfAsync(conversationId, ct);
        if (queueId is null) return ChatResult.NotFoundResult;
        PublishTyping(conversationId, queueId.Value, ChatSide.Agent, agent.StoredName);
        return ChatResult.DoneResult;
    }

    private void PublishTyping(Guid conversationId, Guid queueId, ChatSide side, string? agentName)
    {
        var now = Now;
        var key = (conversationId, side);
        while (true)
        {
            if (_lastTyping.TryGetValue(key, out var last))
            {
                if (now - last < ChatOptions.TypingInterval) return;
                if (!_lastTyping.TryUpdate(key, now, last)) continue;
            }
            else if (!_lastTyping.TryAdd(key, now)) continue;
            break;
        }
        if (_lastTyping.Count > 10_000)
            foreach (var (k, at) in _lastTyping)
                if (now - at >= ChatOptions.TypingInterval) _lastTyping.TryRemove(k, out _);
        events.Publish(new ChatTyping(conversationId, queueId, side, agentName, now));
    }

    /// <summary>
    /// The conversation's messages in order, after <paramref name="after"/> when given (a message id; an unknown one
    /// means from the start). <paramref name="forVisitor"/> leaves internal notes out. Null when there is no such conversation.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessageView>?> ListMessagesAsync(Guid conversationId, Guid? after, bool forVisitor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) return null;
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (forVisitor) query = query.Where(m => !m.IsInternal);
        DateTime? afterSentAt = after is { } a
            ? await db.Messages.Where(m => m.Id == a && m.ConversationId == conversationId).Select(m => (DateTime?)m.SentAt).SingleOrDefaultAsync(ct)
            : null;
        if (afterSentAt is { } since) query = query.Where(m => m.SentAt >= since);
        var rows = await query.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Take(MaxMessages + 1)
            .Select(m => new ChatMessageView(m.Id, m.Author, m.AuthorName ?? "", m.Body, m.SentAt, m.IsInternal))
            .ToListAsync(ct);
        if (afterSentAt is null) return rows.Take(MaxMessages).ToList();
        // Messages at the very same instant as the one given come before or after it in the database's order.
        var index = rows.FindIndex(m => m.Id == after);
        return rows.Skip(index + 1).Take(MaxMessages).ToList();
    }

    /// <summary>One message, if the conversation has it (for a stream that learnt of it by an event).</summary>
    public async Task<ChatMessageView?> GetMessageAsync(Guid conversationId, Guid messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.ConversationId == conversationId)
            .Select(m => new ChatMessageView(m.Id, m.Author, m.AuthorName ?? "", m.Body, m.SentAt, m.IsInternal))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Who is on the conversation and how many visitor messages wait unread.</summary>
    public async Task<ChatState?> GetStateAsync(Guid conversationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new ChatState(c.Id, c.QueueId, c.Status, c.VisitorTokenHash != null, c.AssignedAgentId, c.AssignedAgentName,
                c.UnreadCount, c.CreatedAt))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Forgets visitor message keys stored before <paramref name="cutoff"/>.</summary>
    public async Task<int> ForgetKeysStoredBeforeAsync(DateTime cutoff, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
            return await db.ChatMessageKeys.Where(k => k.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>Adds the event's webhook messages inside the caller's transaction; whether any were added.</summary>
    private async Task<bool> EnqueueWebhookAsync(CornerSpotDb db, WebhookSubscribers subscribers, WebhookEventType type,
        Guid conversationId, Message? message)
    {
        if (!subscribers.Want(type)) return false;
        var c = await db.Conversations.AsNoTracking().Where(x => x.Id == conversationId)
            .Select(x => new ChatWebhookData(x.Id, x.Queue!.Slug, x.Status.ToString(), x.CustomerId, x.Customer!.Name, x.Customer.Email,
                x.Customer.PhoneE164, x.AssignedAgentName, null))
            .SingleAsync(CancellationToken.None);
        var data = c with { Message = message is null ? null : WebhookMessage(message) };
        var at = message?.SentAt ?? Now;
        if (WebhookOutbox.Enqueue(db, subscribers, type, data, at, conversationId, c.CustomerId) is false) return false;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private static ChatWebhookMessage WebhookMessage(Message m) =>
        new(m.Id, m.Author.ToString().ToLowerInvariant(), m.AuthorName ?? "", m.Body, m.SentAt);

    private sealed record VisitorHead(Guid QueueId, string CustomerName);

    private async Task<VisitorHead?> FindForVisitorAsync(Guid conversationId, string? token, CancellationToken ct)
    {
        if (!CallbackLink.LooksLikeToken(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.QueueId, c.VisitorTokenHash, c.Customer!.Name }).SingleOrDefaultAsync(ct);
        return row is not null && VisitorToken.Matches(token, row.VisitorTokenHash) ? new VisitorHead(row.QueueId, row.Name) : null;
    }

    private async Task<Guid?> QueueOfAsync(Guid conversationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.QueueId).SingleOrDefaultAsync(ct);
    }

    private async Task<QueueTarget?> FindQueueAsync(string slug, CancellationToken ct)
    {
        if (slug.Length > Queue.MaxSlugLength) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Queues.AsNoTracking().Where(q => q.Slug == slug && !q.IsArchived)
            .Select(q => new QueueTarget(q.Id, q.Slug, q.Name, q.CallbackEnabled)).SingleOrDefaultAsync(ct);
    }

    private async Task<ChatResult?> ReplayAsync(Guid conversationId, string key, string hash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReplayAsync(db, conversationId, key, hash);
    }

    private static async Task<ChatResult?> ReplayAsync(CornerSpotDb db, Guid conversationId, string key, string hash)
    {
        var stored = await db.ChatMessageKeys.AsNoTracking().Where(k => k.ConversationId == conversationId && k.Key == key)
            .Select(k => new { k.RequestHash, k.MessageId }).SingleOrDefaultAsync();
        if (stored is null) return null;
        if (stored.RequestHash != hash) return new ChatResult.KeyReused();
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == stored.MessageId)
            .Select(m => new ChatMessageView(m.Id, m.Author, m.AuthorName ?? "", m.Body, m.SentAt, m.IsInternal)).SingleOrDefaultAsync();
        return message is null ? null : new ChatResult.Posted(message, Replayed: true);
    }

    /// <summary>Adds a message stamped after every earlier one in the conversation (the clock may stand still or step back).</summary>
    private async Task<Message> AddMessageAsync(CornerSpotDb db, Guid conversationId, MessageAuthor author, string authorName,
        string? agentId, string text, bool isInternal)
    {
        var now = Now;
        var last = await db.Messages.Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.SentAt).Select(m => (DateTime?)m.SentAt).FirstOrDefaultAsync();
        var sentAt = last is { } l && l >= now ? l.AddTicks(1) : now;
        var message = new Message
        {
            Id = Guid.CreateVersion7(), ConversationId = conversationId, Author = author, AuthorName = authorName, AgentId = agentId,
            Body = text, SentAt = sentAt, IsInternal = isInternal,
        };
        db.Messages.Add(message);
        return message;
    }

    private static ChatMessageView View(Message m) => new(m.Id, m.Author, m.AuthorName ?? "", m.Body, m.SentAt, m.IsInternal);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
