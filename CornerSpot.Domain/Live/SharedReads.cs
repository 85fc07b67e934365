using System.Collections.Concurrent;

namespace CornerSpot.Domain.Live;

/// <summary>
/// One database read per key per inbox event, however many open consoles ask for it. Every event (typing aside) starts a
/// new generation; a caller gets the read of its key started in the current generation (running or finished) or starts
/// it. Subscribed when its owner is built, so before the consoles that ask it (they are given the owner before they
/// subscribe): the generation has moved before any console's handler, which yields first, reads again. A read is never
/// older than the event a console reacts to, and never older than <c>maxAge</c> (writes that publish no event).
/// </summary>
/// <remarks>A shared read runs without any caller's token or synchronization context: a console that goes away stops waiting
/// (<see cref="Task.WaitAsync(CancellationToken)"/>) but the read goes on for the others. Values are shared between
/// consoles, so they must be immutable. Older generations are dropped when the next begins, and at most
/// <c>maxKeys</c> keys are kept (past that a caller reads alone).</remarks>
public sealed class SharedReads<TKey, TValue> : IDisposable where TKey : notnull
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxAge;
    private readonly int _maxKeys;
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly IDisposable _subscription;
    private long _generation;

    private sealed class Entry(long generation, long startedAt, Func<Task<TValue>> start)
    {
        private readonly Lazy<Task<TValue>> _read = new(start);

        public long Generation { get; } = generation;
        public long StartedAt { get; } = startedAt;
        public Task<TValue> Read => _read.Value;
        public bool Failed => _read.IsValueCreated && (_read.Value.IsFaulted || _read.Value.IsCanceled);
    }

    public SharedReads(IInboxEvents events, TimeProvider clock, TimeSpan maxAge, int maxKeys = 1000)
    {
        _clock = clock;
        _maxAge = maxAge;
        _maxKeys = maxKeys;
        _subscription = events.Subscribe(e =>
        {
            // Typing is shown, never stored: it changes no read.
            if (e is not ChatTyping) NextGeneration();
            return Task.CompletedTask;
        });
    }

    /// <summary>How many events (typing aside) this has seen.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The value of <paramref name="key"/> as read in this generation: by this call, or by an earlier one whose read
    /// this call joins. <paramref name="ct"/> only stops this caller's wait.</summary>
    /// <param name="fresh">Start a new read whatever this generation has; callers after this one join it.</param>
    public Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken ct, bool fresh = false)
    {
        var generation = Generation;
        while (true)
        {
            _entries.TryGetValue(key, out var current);
            // A newer generation's read (begun after this call looked) is as good.
            if (!fresh && current is not null && current.Generation >= generation && !current.Failed
                && _clock.GetElapsedTime(current.StartedAt) < _maxAge)
                return current.Read.WaitAsync(ct);
            if (current is null && _entries.Count >= _maxKeys)
            {
                DropBefore(generation);
                if (_entries.Count >= _maxKeys) return Start(read).WaitAsync(ct);
            }
            var entry = new Entry(generation, _clock.GetTimestamp(), () => Start(read));
            if (current is null ? _entries.TryAdd(key, entry) : _entries.TryUpdate(key, entry, current))
                return entry.Read.WaitAsync(ct);
            // Another caller got there first: look again (and take theirs unless asked for a fresh read).
        }
    }

    // Begun by the first caller (SQLite answers synchronously, so no thread hop), but without its synchronization context:
    // a console's renderer must not carry the continuations of a read that others wait for.
    private static Task<TValue> Start(Func<CancellationToken, Task<TValue>> read)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return read(CancellationToken.None);
        }
        catch (Exception ex)
        {
            return Task.FromException<TValue>(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private void NextGeneration() => DropBefore(Interlocked.Increment(ref _generation));

    private void DropBefore(long generation)
    {
        foreach (var entry in _entries)
            if (entry.Value.Generation < generation) _entries.TryRemove(entry);
    }

    public void Dispose() => _subscription.Dispose();
}
