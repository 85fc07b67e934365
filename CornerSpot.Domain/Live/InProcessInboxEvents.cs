using CornerSpot.Domain.Telemetry;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Live;

public sealed class InProcessInboxEvents(ILogger<InProcessInboxEvents> logger, CornerSpotMetrics metrics, TimeProvider clock) : IInboxEvents
{
    private readonly SubscriberList<Func<InboxEvent, Task>> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public IDisposable Subscribe(Func<InboxEvent, Task> handler) => _subscribers.Add(handler);

    public void Publish(InboxEvent e)
    {
        var started = clock.GetTimestamp();
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
        // The synchronous hand-off only: each console renders on its own circuit afterwards.
        metrics.FanOutCompleted(e.GetType().Name, clock.GetElapsedTime(started));
    }

    private void LogFailure(Exception? ex, InboxEvent e) =>
        logger.LogWarning(ex, "An inbox subscriber failed to handle {Event}", e.GetType().Name);
}
