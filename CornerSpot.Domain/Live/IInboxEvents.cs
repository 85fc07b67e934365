namespace CornerSpot.Domain.Live;

/// <summary>Publishes committed changes to every open view. Single node: in process; several nodes: relayed.</summary>
public interface IInboxEvents
{
    /// <summary>Never blocks on subscribers and never throws because of one.</summary>
    void Publish(InboxEvent e);

    IDisposable Subscribe(Func<InboxEvent, Task> handler);

    int SubscriberCount { get; }
}
