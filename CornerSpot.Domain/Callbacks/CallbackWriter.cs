using System.Threading.Channels;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Callbacks;

/// <summary>
/// Stores submissions with group commit: one writer takes every submission waiting at that moment and stores them in
/// one transaction, so a burst pays for one commit (and one pass over the indexes' pages) instead of one each. Each
/// submission's rows still commit together or not at all; alone, a submission is written at once. If a shared
/// transaction fails, its submissions are retried one by one, so one bad submission cannot sink its neighbours.
/// The writer owns what must be decided under the write lock: the idempotency replay, the customer match and the result.
/// </summary>
public sealed class CallbackWriter(IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate, WebhookOutbox webhooks) : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private sealed record Queued(CallbackWrite Write)
    {
        public TaskCompletionSource<IntakeResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = writeGate.Writers == 1 });
    private Task? _running;

    /// <summary>Stores the write. Answers Accepted (new or replayed) or KeyReused once the outcome is committed.</summary>
    public Task<IntakeResult> WriteAsync(CallbackWrite write)
    {
        var queued = new Queued(write);
        if (!_queue.Writer.TryWrite(queued)) throw new ObjectDisposedException(nameof(CallbackWriter));
        if (_running is null)
            lock (_queue)
                _running ??= Task.WhenAll(Enumerable.Range(0, writeGate.Writers).Select(_ => Task.Run(RunAsync)));
        return queued.Outcome.Task;
    }

    /// <summary>
    /// The stored answer for an Idempotency-Key, read without the write lock: null when the key is new (or its
    /// request is gone), <see cref="IntakeResult.KeyReused"/> when it was used for another body.
    /// </summary>
    public async Task<IntakeResult?> FindReplayAsync(string key, string requestHash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return ReplayOf((await FindKeysAsync(db, [key], ct)).GetValueOrDefault(key), requestHash);
    }

    /// <summary>Forgets Idempotency-Keys stored before <paramref name="cutoff"/>; a retry after that is a new request.</summary>
    public async Task<int> ForgetKeysStoredBeforeAsync(DateTime cutoff, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
            return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Queued>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued)) batch.Add(queued);
            // Every idle writer wakes for a submission and one takes it: the others have nothing to store (a transaction
            // and two reads each, for nothing).
            if (batch.Count > 0) await StoreWithFallbackAsync(batch);
        }
    }

    /// <summary>Stores the batch in one transaction; if that fails, each submission alone, so only a bad one fails.</summary>
    private async Task StoreWithFallbackAsync(IReadOnlyList<Queued> batch)
    {
        if (await TryStoreAsync(batch) is null || batch.Count == 1) return;
        foreach (var queued in batch) await TryStoreAsync([queued]);
    }

    /// <returns>null when stored; the exception otherwise, after failing the batch's outcomes if it was alone.</returns>
    private async Task<Exception?> TryStoreAsync(IReadOnlyList<Queued> batch)
    {
        try
        {
            var outcomes = await StoreAsync(batch);
            for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes[i]);
            return null;
        }
        catch (Exception ex)
        {
            if (batch.Count == 1) batch[0].Outcome.TrySetException(ex);
            return ex;
        }
    }

    private async Task<IntakeResult[]> StoreAsync(IReadOnlyList<Queued> batch)
    {
        var outcomes = new IntakeResult[batch.Count];
        var subscribers = await webhooks.SubscribersAsync(CancellationToken.None);
        var enqueued = false;
        await using var db = await dbFactory.CreateDbContextAsync();
        // A failed batch is rolled back whole and retried one by one: a savepoint before each save would be a round trip for nothing.
        db.Database.AutoSavepointsEnabled = false;
        using (await writeGate.EnterAsync(CancellationToken.None))
        {
            // SQLite takes the write lock at BEGIN; on PostgreSQL the batch locks its keys and numbers. Either way a key
            // or customer stored by anyone (any node) before this point is found below, and none after it can be.
            await using var tx = await db.Database.BeginTransactionAsync();
            await writeGate.LockNamesAsync(db, LockNames(batch), CancellationToken.None);
            // One read per kind for the whole batch, not one per submission: on PostgreSQL each is a round trip.
            var storedKeys = await FindKeysAsync(db, batch.Select(q => q.Write.IdempotencyKey).OfType<string>().Distinct().ToList(), CancellationToken.None);
            var rows = await BatchRows.ReadAsync(db, batch.Select(q => q.Write.PhoneE164).Distinct().ToList());
            var keysInBatch = new Dictionary<string, (CallbackWrite Write, CallbackReceipt Receipt)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i].Write;
                if (write.IdempotencyKey is { } key)
                {
                    if (keysInBatch.TryGetValue(key, out var first))
                    {
                        outcomes[i] = first.Write.RequestHash == write.RequestHash
                            ? new IntakeResult.Accepted(first.Receipt, Replayed: true, first.Write.ProtectedStatusToken)
                            : new IntakeResult.KeyReused();
                        continue;
                    }
                    var stored = storedKeys.GetValueOrDefault(key);
                    if (ReplayOf(stored, write.RequestHash) is { } replay)
                    {
                        outcomes[i] = replay;
                        continue;
                    }
                    var keyed = await AddRowsAsync(db, rows, write);
                    if (keyed is null)
                    {
                        outcomes[i] = new IntakeResult.ConversationNotFound();
                        continue;
                    }
                    keysInBatch[key] = (write, keyed);
                    StoreKey(db, key, write, keyed.Id, replacing: stored is not null);
                    outcomes[i] = new IntakeResult.Accepted(keyed, Replayed: false);
                    continue;
                }
                outcomes[i] = await AddRowsAsync(db, rows, write) is { } receipt
                    ? new IntakeResult.Accepted(receipt, Replayed: false)
                    : new IntakeResult.ConversationNotFound();
            }
            await db.SaveChangesAsync();
            if (subscribers.Want(WebhookEventType.CallbackRequested))
            {
                var stored = outcomes.OfType<IntakeResult.Accepted>().Where(a => !a.Replayed).Select(a => a.Receipt.Id).Distinct().ToList();
                enqueued = await webhooks.EnqueueCallbackEventAsync(db, subscribers, WebhookEventType.CallbackRequested, stored,
                    activity: null, batch[0].Write.RequestedAt, CancellationToken.None);
                if (enqueued) await db.SaveChangesAsync();
            }
            await tx.CommitAsync();
        }
        if (enqueued) webhooks.Notify();
        return outcomes;
    }

    private static HashSet<string> LockNames(IReadOnlyList<Queued> batch)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var queued in batch)
        {
            names.Add("phone:" + queued.Write.PhoneE164);
            if (queued.Write.IdempotencyKey is { } key) names.Add("idempotency-key:" + key);
        }
        return names;
    }

    private sealed record StoredKey(string RequestHash, CallbackReceipt? Receipt, string? ProtectedStatusToken);

    /// <summary>The stored answers for these keys, in one read; a key that is not there is missing from the answer.</summary>
    private static async Task<Dictionary<string, StoredKey>> FindKeysAsync(CornerSpotDb db, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var records = await (
                from r in db.IdempotencyRecords.AsNoTracking()
                where keys.Contains(r.Key)
                join c in db.CallbackRequests.AsNoTracking() on r.CallbackRequestId equals c.Id into requests
                from c in requests.DefaultIfEmpty()
                select new { r.Key, r.RequestHash, r.CreatedAt, r.ProtectedStatusToken, Request = c == null ? null : new { c.Id, c.ConversationId, c.RequestedAt } })
            .ToListAsync(ct);
        // The first answer said Pending; a replay says the same even if an agent has resolved it since. A key stored
        // after its request was made belonged to a repeat request.
        return records.ToDictionary(r => r.Key, r => new StoredKey(r.RequestHash,
            r.Request is { } c ? new CallbackReceipt(c.Id, c.ConversationId, CallbackStatus.Pending, c.RequestedAt, r.CreatedAt > c.RequestedAt) : null,
            r.ProtectedStatusToken), StringComparer.Ordinal);
    }

    // A key whose request is gone (deleted since) is free again: the submission is stored as new.
    private static IntakeResult? ReplayOf(StoredKey? stored, string requestHash) => stored switch
    {
        { Receipt: { } receipt } when stored.RequestHash == requestHash
            => new IntakeResult.Accepted(receipt, Replayed: true, stored.ProtectedStatusToken),
        { Receipt: not null } => new IntakeResult.KeyReused(),
        _ => null,
    };

    private static void StoreKey(CornerSpotDb db, string key, CallbackWrite write, Guid callbackId, bool replacing)
    {
        var record = new IdempotencyRecord
        {
            Key = key, RequestHash = write.RequestHash, CallbackRequestId = callbackId, CreatedAt = write.RequestedAt,
            ProtectedStatusToken = write.ProtectedStatusToken,
        };
        if (replacing) db.IdempotencyRecords.Update(record);
        else db.IdempotencyRecords.Add(record);
    }

    /// <summary>
    /// The customers and Pending requests of the batch's numbers, read once at its start, and what the transaction adds
    /// after, by the keys later submissions in it look for. (Not <c>DbSet.Local</c>: each read of it runs change
    /// detection over everything tracked, which made a burst cost the square of its size.)
    /// </summary>
    private sealed class BatchRows
    {
        public Dictionary<string, Customer> Customers { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Phone, Guid QueueId), (CallbackRequest Request, Conversation Conversation)> Pending { get; } = [];

        public static async Task<BatchRows> ReadAsync(CornerSpotDb db, IReadOnlyCollection<string> phones)
        {
            var rows = new BatchRows();
            foreach (var customer in await db.Customers.Where(c => phones.Contains(c.PhoneE164!)).ToListAsync())
                rows.Customers[customer.PhoneE164!] = customer;
            // By the number alone, Pending picked here: with Status in the query, a planner without statistics yet (a young
            // PostgreSQL table, before autovacuum's first ANALYZE) takes the (Status, RequestedAt) index and walks every
            // Pending row for each batch. A number's other requests are few (resolved ones leave with retention). No
            // ORDER BY: there is at most one Pending request per number and queue.
            var requests = await db.CallbackRequests.Where(c => phones.Contains(c.PhoneE164)).Include(c => c.Conversation).ToListAsync();
            foreach (var request in requests.Where(r => r.Status == CallbackStatus.Pending))
                rows.Pending.TryAdd((request.PhoneE164, request.Conversation!.QueueId), (request, request.Conversation));
            return rows;
        }
    }

    /// <returns>null when the chat to attach to is not there or its token does not open it.</returns>
    private static async Task<CallbackReceipt?> AddRowsAsync(CornerSpotDb db, BatchRows rows, CallbackWrite write)
    {
        var now = write.RequestedAt;
        CallbackReceipt receipt;
        if (write.Attaches)
        {
            var chat = await db.Conversations.Include(c => c.Customer).SingleOrDefaultAsync(c => c.Id == write.ConversationId);
            if (chat is null || !VisitorToken.Matches(write.AttachToken, chat.VisitorTokenHash)) return null;
            receipt = Attach(db, rows, write, chat, MatchCustomer(db, rows, write, phoneless: chat.Customer));
        }
        else
        {
            var customer = MatchCustomer(db, rows, write, phoneless: null);
            receipt = rows.Pending.TryGetValue((write.PhoneE164, write.QueueId), out var earlier)
                ? Repeat(db, earlier.Request, earlier.Conversation, write)
                : AddRequest(db, rows, write, customer);
        }
        db.CallbackLinks.Add(new CallbackLink { TokenHash = write.StatusTokenHash, CallbackRequestId = receipt.Id, CreatedAt = now });
        return receipt;
    }

    /// <summary>
    /// The visitor's chat becomes a callback: the same conversation turns Pending, keeps its messages and gets the card.
    /// The customer is the one with this number (the chat moves to them when someone else already has it).
    /// </summary>
    private static CallbackReceipt Attach(CornerSpotDb db, BatchRows rows, CallbackWrite write, Conversation chat, Customer customer)
    {
        // After every chat message, even if the clock stands still or steps back.
        var sentAt = chat.LastActivityAt >= write.RequestedAt ? chat.LastActivityAt.AddTicks(1) : write.RequestedAt;
        chat.Customer = customer;
        chat.CustomerId = customer.Id;
        chat.Status = ConversationStatus.Pending;
        chat.LastActivityAt = sentAt;
        chat.UnreadCount++;
        chat.Preview = Message.ToPreview(write.VisitorMessage);
        db.Messages.Add(new Message
        {
            Id = Guid.CreateVersion7(), ConversationId = chat.Id, Author = MessageAuthor.Visitor, AuthorName = write.Name,
            Body = write.VisitorMessage, SentAt = sentAt,
        });
        var request = NewRequest(write);
        db.CallbackRequests.Add(request);
        rows.Pending[(write.PhoneE164, write.QueueId)] = (request, chat);
        return write.Receipt;
    }

    private static CallbackReceipt AddRequest(CornerSpotDb db, BatchRows rows, CallbackWrite write, Customer customer)
    {
        var now = write.RequestedAt;

        var conversation = new Conversation
        {
            Id = write.ConversationId,
            QueueId = write.QueueId,
            // The navigation too: a retry after a failed shared transaction must not bring a failed attempt's customer along.
            Customer = customer,
            CustomerId = customer.Id,
            Status = ConversationStatus.Pending,
            CreatedAt = now,
            LastActivityAt = now,
            Preview = Message.ToPreview(write.VisitorMessage),
            Messages = [new Message { Id = Guid.CreateVersion7(), Author = MessageAuthor.Visitor, AuthorName = write.Name, Body = write.VisitorMessage, SentAt = now }],
        };
        db.Conversations.Add(conversation);
        var request = NewRequest(write);
        db.CallbackRequests.Add(request);
        rows.Pending[(write.PhoneE164, write.QueueId)] = (request, conversation);
        return write.Receipt;
    }

    private static CallbackRequest NewRequest(CallbackWrite write)
    {
        var now = write.RequestedAt;
        return new CallbackRequest
        {
            Id = write.CallbackId,
            ConversationId = write.ConversationId,
            Name = write.Name,
            PhoneE164 = write.PhoneE164,
            PhoneAsTyped = write.PhoneAsTyped,
            PreferredStartUtc = write.PreferredStartUtc,
            PreferredEndUtc = write.PreferredEndUtc,
            VisitorTimeZone = write.TimeZone,
            Note = write.Note,
            Email = write.Email,
            PageUrl = write.PageUrl,
            RequestedAt = now,
            LastRequestedAt = now,
            Status = CallbackStatus.Pending,
            Activities = [Requested(write, write.CallbackId, CallbackActivityKind.Requested)],
        };
    }

    /// <summary>
    /// A second request from a number that is already waiting is not a second lead: the newest window wins, the note
    /// joins the conversation as a visitor message, and the card counts the requests. The link points at the earlier one.
    /// </summary>
    private static CallbackReceipt Repeat(CornerSpotDb db, CallbackRequest earlier, Conversation conversation, CallbackWrite write)
    {
        var now = write.RequestedAt;
        earlier.RequestCount++;
        earlier.LastRequestedAt = now;
        if (write.PreferredStartUtc is not null)
            (earlier.PreferredStartUtc, earlier.PreferredEndUtc) = (write.PreferredStartUtc, write.PreferredEndUtc);
        earlier.VisitorTimeZone = write.TimeZone ?? earlier.VisitorTimeZone;
        db.CallbackActivities.Add(Requested(write, earlier.Id, CallbackActivityKind.RequestedAgain));

        conversation.LastActivityAt = now;
        conversation.Preview = Message.ToPreview(write.VisitorMessage);
        db.Messages.Add(new Message
        {
            Id = Guid.CreateVersion7(), ConversationId = conversation.Id, Author = MessageAuthor.Visitor, AuthorName = write.Name,
            Body = write.VisitorMessage, SentAt = now,
        });
        return new CallbackReceipt(earlier.Id, earlier.ConversationId, CallbackStatus.Pending, earlier.RequestedAt, Repeat: true);
    }

    private static CallbackActivity Requested(CallbackWrite write, Guid callbackId, CallbackActivityKind kind) => new()
    {
        Id = Guid.CreateVersion7(), CallbackRequestId = callbackId, Kind = kind, At = write.RequestedAt,
    };

    /// <summary>
    /// The customer with this number, or a new one. What a visitor types belongs to their request: anyone can type
    /// anyone's number, so a known customer's name and details are never replaced, only filled where empty.
    /// </summary>
    /// <param name="phoneless">The chat visitor's customer: given this number when no one has it yet and they have none.</param>
    private static Customer MatchCustomer(CornerSpotDb db, BatchRows rows, CallbackWrite write, Customer? phoneless)
    {
        // Stored before the batch began, or added earlier in it.
        rows.Customers.TryGetValue(write.PhoneE164, out var customer);
        if (customer is null && phoneless is { PhoneE164: null })
        {
            customer = phoneless;
            customer.PhoneE164 = write.PhoneE164;
            // The chat's name was optional; the callback form's is not.
            if (customer.Name == ChatConversations.AnonymousName) customer.Name = write.Name;
        }
        if (customer is null)
        {
            customer = new Customer { Id = Guid.CreateVersion7(), Name = write.Name, PhoneE164 = write.PhoneE164, FirstSeenAt = write.RequestedAt };
            db.Customers.Add(customer);
        }
        rows.Customers[write.PhoneE164] = customer;
        customer.LastSeenAt = write.RequestedAt;
        customer.Email ??= write.Email;
        customer.TimeZone ??= write.TimeZone;
        customer.LastPageUrl ??= write.PageUrl;
        return customer;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_running is not null) await _running;
    }
}
