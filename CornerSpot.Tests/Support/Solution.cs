namespace CornerSpot.Tests.Support;

/// <summary>The repository's folders, found from the test binaries upwards.</summary>
public static class Solution
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CornerSpot.Console.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CornerSpot.Console.sln not found above " + AppContext.BaseDirectory);
    }
}
