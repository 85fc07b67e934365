namespace CornerSpot.Bench.Harness;

public static class BenchPaths
{
    /// <summary>The repository root: the folder that holds CornerSpot.Console.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Scratch space for databases and partial reports; ignored by git.</summary>
    public static string Work { get; } = Directory.CreateDirectory(Path.Combine(Root, "artifacts", "bench")).FullName;

    /// <summary>A fresh database path (old files with the same name are removed).</summary>
    public static string FreshDatabase(string name)
    {
        var path = Path.Combine(Work, name + ".db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CornerSpot.Console.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from inside the CornerSpot repository.");
    }
}
