using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// Writes webhook messages into the caller's transaction. The writers ask <see cref="SubscribersAsync"/> first: it is
/// cached (one query when a setting changed or the cache aged), so a write with no endpoint subscribed costs nothing
/// more. After its commit a writer calls <see cref="Notify"/> to wake this node's sender.
/// </summary>
public sealed class WebhookOutbox(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, WebhookOptions options)
{
    /// <summary>Another node's settings change reaches this node's writers at most this late.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private volatile WebhookSubscribers? _subscribers;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<WebhookSubscribers> SubscribersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_subscribers is { } cached && now - cached.LoadedAt < CacheLifetime && now >= cached.LoadedAt) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled && e.Events != WebhookEventType.None)
            .Select(e => new { e.Id, e.Events }).ToListAsync(ct);
        return _subscribers = new WebhookSubscribers(rows.Select(r => (r.Id, r.Events)).ToList(), now);
    }

    /// <summary>Forgets the cached endpoints (an admin changed them).</summary>
    public void Invalidate() => _subscribers = null;

    /// <summary>
    /// Adds a message per subscribed endpoint for each callback to <paramref name="db"/>; the caller's SaveChanges
    /// and commit store them with the change. Reads the callbacks as the transaction sees them.
    /// </summary>
    /// <param name="activity">The step taken (agent, call outcome, note); null for a request.</param>
    /// <returns>Whether anything was added (then call <see cref="Notify"/> after the commit).</returns>
    public async Task<bool> EnqueueCallbackEventAsync(CornerSpotDb db, WebhookSubscribers subscribers, WebhookEventType type,
        IReadOnlyCollection<Guid> callbackIds, CallbackActivity? activity, DateTime at, CancellationToken ct)
    {
        if (!subscribers.Want(type) || callbackIds.Count == 0) return false;
        var callbacks = await db.CallbackRequests.AsNoTracking().Where(c => callbackIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.ConversationId, c.Conversation!.CustomerId, QueueId = c.Conversation.Queue!.Id, c.Conversation.Queue.Slug,
                QueueName = c.Conversation.Queue.Name, c.Name, c.PhoneE164, c.Email, c.VisitorTimeZone, c.PreferredStartUtc,
                c.PreferredEndUtc, c.Note, c.PageUrl, c.Status, c.Outcome, c.AttemptCount, c.RequestCount, c.RequestedAt,
                c.ResolvedAt, c.ClaimedByName, c.ResolvedByName,
            })
            .ToListAsync(ct);
        foreach (var c in callbacks)
        {
            var data = new CallbackEventData(
                c.Id, c.ConversationId, c.CustomerId, new CallbackEventData.QueueRef(c.QueueId, c.Slug, c.QueueName),
                new CallbackEventData.CustomerRef(c.Name, c.PhoneE164, c.Email, c.VisitorTimeZone),
                c.PreferredStartUtc is { } start && c.PreferredEndUtc is { } end ? new CallbackEventData.Window(start, end) : null,
                c.Note, c.PageUrl, c.Status.ToString(), c.Outcome?.ToString(), activity?.CallOutcome?.ToString(),
                activity?.ActorName ?? c.ResolvedByName ?? c.ClaimedByName, activity?.Note, c.AttemptCount, c.RequestCount,
                c.RequestedAt, c.ResolvedAt,
                options.ConsoleUrl is { } console ? new Uri(console, $"dashboard/chat/inbox/{c.ConversationId}").ToString() : null);
            Enqueue(db, subscribers, type, data, at, c.ConversationId, c.CustomerId, c.Id);
        }
        return callbacks.Count > 0;
    }

    /// <summary>
    /// Adds a message with <paramref name="data"/> for each endpoint subscribed to <paramref name="type"/> (any event:
    /// chat messages and conversations too). The ids let erasure find the messages of a customer or conversation.
    /// </summary>
    /// <returns>Whether anything was added (then call <see cref="Notify"/> after the commit).</returns>
    public static bool Enqueue(CornerSpotDb db, WebhookSubscribers subscribers, WebhookEventType type, object data, DateTime at,
        Guid? conversationId, Guid? customerId, Guid? callbackId = null)
    {
        var payload = new WebhookPayload(WebhookEventTypes.WireName(type), at, data).ToJson();
        var added = false;
        foreach (var endpointId in subscribers.For(type))
        {
            db.WebhookOutbox.Add(new WebhookOutboxMessage
            {
                Id = Guid.CreateVersion7(), EndpointId = endpointId, EventType = type, Payload = payload, CreatedAt = at,
                NextAttemptAt = at, CallbackRequestId = callbackId, ConversationId = conversationId, CustomerId = customerId,
            });
            added = true;
        }
        return added;
    }

    /// <summary>Wakes this node's sender: messages were committed.</summary>
    public void Notify() => Interlocked.Exchange(ref _written, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Notify"/>. Ask for it before looking, so a notification in between is not missed.</summary>
    public Task NextWriteAsync() => Volatile.Read(ref _written).Task;

    /// <summary>The event a callback activity sends, if any.</summary>
    public static WebhookEventType EventFor(CallbackActivityKind kind) => kind switch
    {
        CallbackActivityKind.Requested or CallbackActivityKind.RequestedAgain => WebhookEventType.CallbackRequested,
        CallbackActivityKind.Claimed or CallbackActivityKind.TakenOver => WebhookEventType.CallbackClaimed,
        CallbackActivityKind.Attempted => WebhookEventType.CallbackAttempted,
        CallbackActivityKind.Resolved or CallbackActivityKind.ClosedUnreachable => WebhookEventType.CallbackResolved,
        CallbackActivityKind.Cancelled => WebhookEventType.CallbackCancelled,
        _ => WebhookEventType.None,
    };
}
