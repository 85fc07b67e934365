namespace CornerSpot.Tests.Support;

/// <summary>Base for tests against the whole app in-process (<see cref="AppFactory"/>), one SQLite file per test.</summary>
public abstract class AppTest(IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private HttpClient? _client;

    protected AppFactory App { get; } = new(settings);

    /// <summary>A plain client for the app, made on first use (which starts the app).</summary>
    protected HttpClient Client => _client ??= App.CreateClient();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await App.DisposeAsync();
    }
}
