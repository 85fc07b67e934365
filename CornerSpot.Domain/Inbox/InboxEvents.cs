using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Inbox;

/// <summary>Something changed that open inbox views may show. Carries ids; views re-read the rest.</summary>
public abstract record InboxEvent(Guid ConversationId, Guid QueueId);

public sealed record CallbackRequested(Guid CallbackId, Guid ConversationId, Guid QueueId, string Name, DateTime RequestedAt)
    : InboxEvent(ConversationId, QueueId);

public sealed record CallbackResolved(Guid CallbackId, Guid ConversationId, Guid QueueId, string ResolvedByName, DateTime ResolvedAt)
    : InboxEvent(ConversationId, QueueId);

/// <summary>Publishes committed changes to every open view. Single node: in process; several nodes: relayed.</summary>
public interface IInboxEvents
{
    /// <summary>Never blocks on subscribers and never throws because of one.</summary>
    void Publish(InboxEvent e);

    IDisposable Subscribe(Func<InboxEvent, Task> handler);

    int SubscriberCount { get; }
}

public sealed class InProcessInboxEvents(ILogger<InProcessInboxEvents> logger) : IInboxEvents
{
    private readonly Lock _gate = new();
    private Func<InboxEvent, Task>[] _subscribers = [];

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public IDisposable Subscribe(Func<InboxEvent, Task> handler)
    {
        lock (_gate) _subscribers = [.. _subscribers, handler];
        return new Subscription(this, handler);
    }

    public void Publish(InboxEvent e)
    {
        // Copy-on-write array: read without the lock, invoke outside it.
        foreach (var handler in Volatile.Read(ref _subscribers))
        {
            try
            {
                var task = handler(e);
                if (!task.IsCompleted)
                    _ = task.ContinueWith(t => LogFailure(t.Exception, e), TaskContinuationOptions.OnlyOnFaulted);
                else if (task.IsFaulted)
                    LogFailure(task.Exception, e);
            }
            catch (Exception ex)
            {
                LogFailure(ex, e);
            }
        }
    }

    private void LogFailure(Exception? ex, InboxEvent e) =>
        logger.LogWarning(ex, "An inbox subscriber failed to handle {Event}", e.GetType().Name);

    private void Unsubscribe(Func<InboxEvent, Task> handler)
    {
        lock (_gate)
        {
            var i = Array.IndexOf(_subscribers, handler);
            if (i >= 0) _subscribers = [.. _subscribers[..i], .. _subscribers[(i + 1)..]];
        }
    }

    private sealed class Subscription(InProcessInboxEvents feed, Func<InboxEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) feed.Unsubscribe(handler);
        }
    }
}
