namespace CornerSpot.Bench;

/// <param name="Quick">Smaller sizes and shorter runs, to check the bench itself works; not for the record.</param>
public sealed record BenchOptions(IReadOnlySet<string> Only, bool Quick)
{
    public bool IsPartial => Quick || Only.Count > 0;

    public static BenchOptions Parse(string[] args)
    {
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = Array.IndexOf(args, "--only");
        if (i >= 0 && i + 1 < args.Length)
            foreach (var key in args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                only.Add(key);
        return new BenchOptions(only, args.Contains("--quick"));
    }
}
