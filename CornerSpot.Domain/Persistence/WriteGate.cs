namespace CornerSpot.Domain.Persistence;

/// <summary>
/// Lets this process's hot writers into SQLite one at a time. SQLite allows one writer; a second one that finds the
/// lock taken sleeps in the busy handler (1, 2, 5, 10… ms) and usually oversleeps the holder, so under a burst most
/// of the time goes to sleeping. Queued here, the next writer starts the moment the previous one commits.
/// busy_timeout still covers writers that do not queue here (other processes, rare admin writes).
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    public readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
