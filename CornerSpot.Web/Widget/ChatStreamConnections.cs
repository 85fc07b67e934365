using System.Collections.Concurrent;
using CornerSpot.Domain.Chat;

namespace CornerSpot.Web.Widget;

/// <summary>
/// Caps the chat event streams one client address holds open at once (<c>Chat:MaxStreamsPerClient</c>, 10): a stream
/// holds a connection and a subscription for as long as the visitor stays, so an address cannot hold thousands.
/// </summary>
public sealed class ChatStreamConnections(ChatOptions options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <returns>A lease to dispose when the stream ends, or null when the address holds its maximum already.</returns>
    public IDisposable? TryOpen(HttpContext context)
    {
        var key = WidgetRateLimiter.ClientKey(context.Connection.RemoteIpAddress);
        while (true)
        {
            var count = _open.GetOrAdd(key, 0);
            if (count >= options.MaxStreamsPerClient) return null;
            if (_open.TryUpdate(key, count + 1, count)) return new Lease(this, key);
        }
    }

    /// <summary>Streams open now from the address (for tests and diagnostics).</summary>
    public int OpenFrom(string clientKey) => _open.TryGetValue(clientKey, out var n) ? n : 0;

    private void Close(string key)
    {
        while (true)
        {
            var count = _open.GetValueOrDefault(key);
            if (count <= 1)
            {
                // Forget the address once it holds nothing, so the table cannot grow with every visitor ever seen.
                if (_open.TryRemove(new KeyValuePair<string, int>(key, count))) return;
                if (!_open.ContainsKey(key)) return;
            }
            else if (_open.TryUpdate(key, count - 1, count)) return;
        }
    }

    private sealed class Lease(ChatStreamConnections owner, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Close(key);
        }
    }
}
