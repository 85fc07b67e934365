namespace CornerSpot.Domain.Search;

/// <summary>
/// The full-text indexes behind the inbox search, kept in step with their tables by triggers, so every writer (the
/// app, the demo seeder, a hand-run UPDATE) keeps them current. Customers get a trigram index: any 3+ character
/// substring of a name, email or phone number is found through the index, as LIKE '%…%' would find it. Message text
/// gets a word index: words and word prefixes ("invoice", "invo…"), far smaller than trigrams.
/// </summary>
/// <remarks>Both are external-content tables keyed by rowid. Anything that renumbers the rowids of Customers or
/// Messages (a migration that rebuilds the table, SQLite's way to alter a column; a VACUUM) must be followed by
/// <see cref="Rebuild"/>. Changing the statements here means a new migration.</remarks>
public static class SearchIndexSql
{
    private sealed record Index(string Table, string Search, string[] Columns, string Tokenizer);

    private static readonly Index[] Indexes =
    [
        new("Customers", "CustomersSearch", ["Name", "Email", "PhoneE164"], "trigram"),
        new("Messages", "MessagesSearch", ["Body", "AuthorName"], "unicode61 remove_diacritics 2"),
    ];

    public static IEnumerable<string> CreateTables() => Indexes.Select(i =>
        $"""CREATE VIRTUAL TABLE "{i.Search}" USING fts5({Columns(i, "")}, content='{i.Table}', content_rowid='rowid', tokenize='{i.Tokenizer}');""");

    public static IEnumerable<string> CreateTriggers() => Indexes.SelectMany(i => new[]
    {
        $"""CREATE TRIGGER "{i.Table}_SearchInsert" AFTER INSERT ON "{i.Table}" BEGIN {Add(i, "new")} END;""",
        $"""CREATE TRIGGER "{i.Table}_SearchDelete" AFTER DELETE ON "{i.Table}" BEGIN {Remove(i, "old")} END;""",
        $"""CREATE TRIGGER "{i.Table}_SearchUpdate" AFTER UPDATE OF {Columns(i, "")} ON "{i.Table}" BEGIN {Remove(i, "old")} {Add(i, "new")} END;""",
    });

    /// <summary>Re-reads every row of the indexed tables into the indexes.</summary>
    public static IEnumerable<string> Rebuild() => Indexes.Select(i => $"""INSERT INTO "{i.Search}"("{i.Search}") VALUES ('rebuild');""");

    public static IEnumerable<string> DropTriggers() => Indexes.SelectMany(i => new[] { "Insert", "Delete", "Update" }
        .Select(kind => $"""DROP TRIGGER IF EXISTS "{i.Table}_Search{kind}";"""));

    public static IEnumerable<string> DropTables() => Indexes.Select(i => $"""DROP TABLE IF EXISTS "{i.Search}";""");

    private static string Columns(Index i, string prefix) => string.Join(", ", i.Columns.Select(c => $"{prefix}\"{c}\""));

    private static string Add(Index i, string row) =>
        $"""INSERT INTO "{i.Search}"(rowid, {Columns(i, "")}) VALUES ({row}.rowid, {Columns(i, row + ".")});""";

    private static string Remove(Index i, string row) =>
        $"""INSERT INTO "{i.Search}"("{i.Search}", rowid, {Columns(i, "")}) VALUES ('delete', {row}.rowid, {Columns(i, row + ".")});""";
}
