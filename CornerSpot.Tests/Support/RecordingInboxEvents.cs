using System.Collections.Concurrent;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;

namespace CornerSpot.Tests.Support;

/// <summary>An <see cref="IInboxEvents"/> that remembers what was published, for asserting on events.</summary>
public sealed class RecordingInboxEvents : IInboxEvents
{
    private readonly ConcurrentQueue<InboxEvent> _published = new();

    public IReadOnlyList<InboxEvent> Published => [.. _published];

    public int SubscriberCount => 0;

    public void Publish(InboxEvent e) => _published.Enqueue(e);

    public IDisposable Subscribe(Func<InboxEvent, Task> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
