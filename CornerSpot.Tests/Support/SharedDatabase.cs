namespace CornerSpot.Tests.Support;

/// <summary>The database every node of a test installation uses: the settings that point a node at it.</summary>
public sealed class SharedDatabase(IReadOnlyDictionary<string, string?> settings, IDisposable? owner = null) : IDisposable
{
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    /// <summary>One SQLite file for both nodes: WAL and the busy timeout let two processes' worth of apps share it on one machine.</summary>
    public static SharedDatabase SqliteFile()
    {
        var file = new TempSqliteFile();
        return new SharedDatabase(new Dictionary<string, string?> { ["ConnectionStrings:CornerSpot"] = file.ConnectionString }, file);
    }

    public void Dispose() => owner?.Dispose();
}
