using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Live;

public sealed class InProcessInboxEvents(ILogger<InProcessInboxEvents> logger) : IInboxEvents
{
    private readonly SubscriberList<Func<InboxEvent, Task>> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public IDisposable Subscribe(Func<InboxEvent, Task> handler) => _subscribers.Add(handler);

    public void Publish(InboxEvent e)
    {
        foreach (var handler in _subscribers.Current)
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
}
