
namespace CornerSpot.Web.Demo;

/// <summary><c>dotnet run --project CornerSpot.Web -- --seed-demo [N]</c>: fill the database with demo data, then exit.</summary>
public static class DemoSeedCommand
{
    public const string Switch = "--seed-demo";

    /// <summary>Takes the switch (and its count) out of the arguments, so the host's command-line configuration never sees it.</summary>
    public static int? Take(ref string[] args)
    {
        var i = Array.IndexOf(args, Switch);
        if (i < 0) return null;
        var count = DemoData.DefaultCount;
        var taken = 1;
        if (i + 1 < args.Length && int.TryParse(args[i + 1].Replace("_", "").Replace(",", ""), out var n) && n >= 0)
        {
            count = n;
            taken = 2;
        }
        args = [.. args[..i], .. args[(i + taken)..]];
        return count;
    }

    public static async Task RunAsync(IServiceProvider services, int count)
    {
        var seeder = ActivatorUtilities.CreateInstance<DemoData>(services);
        Console.WriteLine($"Seeding {count:N0} demo conversations…");
        var lastReported = 0;
        var progress = new SyncProgress(done =>
        {
            if (count >= 10_000 && (done - lastReported >= count / 10 || done == count))
            {
                lastReported = done;
                Console.WriteLine($"  {done:N0} / {count:N0} conversations ({100.0 * done / count:F0}%)");
            }
        });
        var result = await seeder.SeedAsync(count, progress, CancellationToken.None);
        Console.WriteLine(
            $"Done in {result.Elapsed.TotalSeconds:F1} s: {result.Conversations:N0} conversations, {result.Customers:N0} customers, " +
            $"{result.Messages:N0} messages, {result.Callbacks:N0} callback requests.");
    }

    // Progress<T> posts to the thread pool; a console run wants the lines in order.
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
