using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>
/// Two nodes of one installation, each the whole app on its own real port, sharing one database and one Redis (under a
/// key prefix of their own, so pairs in parallel test classes do not hear each other). Started one after the other.
/// </summary>
public sealed class NodePair : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private NodePair(TestDatabase database, KestrelApp first, KestrelApp second)
    {
        _database = database;
        First = first;
        Second = second;
    }

    public KestrelApp First { get; }
    public KestrelApp Second { get; }

    /// <summary>Where the nodes keep their data: one PostgreSQL database, as several nodes do in production.</summary>
    public static TestDatabase NewDatabase() => TestDatabase.Create(DatabaseProvider.Postgres);

    public static NodePair Start(RedisServer redis, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = NewDatabase();
        var prefix = $"cornerspot-test-{Guid.NewGuid():N}";
        KestrelApp Node(string name)
        {
            var all = new Dictionary<string, string?>(database.Settings)
            {
                ["Redis:Configuration"] = redis.Configuration,
                ["Redis:Prefix"] = prefix,
                ["Cluster:NodeName"] = name,
                // A node that is stopped goes at once, as a crashed one would, instead of draining circuits for 30 s.
                ["shutdownTimeoutSeconds"] = "1",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
            return KestrelApp.Start(all);
        }
        return new NodePair(database, Node("node-1"), Node("node-2"));
    }

    /// <summary>Completes when <paramref name="node"/> has received an event of type <typeparamref name="T"/> (from
    /// anywhere), so a test can wait for a relay instead of sleeping.</summary>
    public static Task<T> NextEventAsync<T>(KestrelApp node) where T : InboxEvent
    {
        var seen = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = node.Services.GetRequiredService<IInboxEvents>().Subscribe(e =>
        {
            if (e is T match) seen.TrySetResult(match);
            return Task.CompletedTask;
        });
        _ = seen.Task.ContinueWith(_ => subscription.Dispose(), TaskScheduler.Default);
        return seen.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        _database.Dispose();
    }
}
