namespace CornerSpot.Domain.Live;

/// <summary>
/// The one way CornerSpot hands out live notifications: subscribing returns a token, disposing it unsubscribes.
/// Copy-on-write: a publisher reads <see cref="Current"/> without the lock and invokes outside it, so a subscriber
/// that (un)subscribes from its handler cannot deadlock or miss a turn.
/// </summary>
public sealed class SubscriberList<THandler> where THandler : class
{
    private readonly Lock _gate = new();
    private THandler[] _handlers = [];

    public IReadOnlyList<THandler> Current => Volatile.Read(ref _handlers);

    public int Count => Current.Count;

    public IDisposable Add(THandler handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    private void Remove(THandler handler)
    {
        lock (_gate)
        {
            var i = Array.IndexOf(_handlers, handler);
            if (i >= 0) _handlers = [.. _handlers[..i], .. _handlers[(i + 1)..]];
        }
    }

    private sealed class Subscription(SubscriberList<THandler> list, THandler handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) list.Remove(handler);
        }
    }
}
