using System.Linq.Expressions;
using System.Reflection;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Persistence.Postgres;
using CornerSpot.Domain.Phones;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Search;

/// <summary>Narrows a conversation query to what "Search conversations…" finds, the same on either database.</summary>
/// <remarks>Searches go through the search indexes unless <c>Inbox:SearchIndex</c> is false, or the term is too short
/// for them; then LIKE scans the tables, which at a million conversations takes seconds. On SQLite the indexes are
/// FTS5 tables (see <see cref="SearchIndexSql"/>); on PostgreSQL trigram indexes on the customers' columns and a word
/// index over message text (see <see cref="PostgresCornerSpotDb"/>). Both find a term anywhere in a name, email or
/// phone number, whatever its case, and a message by its words, the last one as a prefix.</remarks>
public sealed class ConversationSearch(PhoneNumberParser phones, IConfiguration config, IDbContextFactory<CornerSpotDb> dbFactory)
{
    private readonly bool _useSearchIndex = config.GetValue("Inbox:SearchIndex", true);
    private readonly bool _postgres = DomainServices.ProviderOf(config) == DatabaseProvider.Postgres;
    // A term in 50,000 conversations ("Smith", "invoice") would otherwise cost a pass over all of them for every
    // page and every live refresh; agents want the recent ones, and a narrower search for the rest.
    private readonly int _matchLimit = Math.Max(1, config.GetValue("Inbox:SearchMatchLimit", 200));

    /// <summary>One FTS5 lookup on SQLite: the ids it yields, newest first, and the rows it counts. Each SQL takes
    /// <see cref="Args"/> and then the limit.</summary>
    private sealed record FtsLookup(string IdsSql, object[] Args, string CountSql = "")
    {
        public string Limit => "{" + Args.Length + "}";
    }

    /// <returns>The narrowed query, and whether the search matched more customers or messages than it follows.</returns>
    public async Task<(IQueryable<Conversation> Query, bool MoreMatches)> ApplyAsync(
        CornerSpotDb db, IQueryable<Conversation> query, string? text, CancellationToken ct)
    {
        if (InboxSearch.Parse(text, phones) is not { } search) return (query, false);
        if (!_useSearchIndex || !search.CanUseIndex) return (query.Where(LikeSearch(db, search)), false);
        return _postgres ? await ApplyPostgresAsync(db, query, search, ct) : await ApplySqliteAsync(db, query, search, ct);
    }

    // SQLite answers each lookup inside the list's count and page queries: FTS5 walks its rowids backwards and stops at
    // the limit, a few ms however often it runs.
    private async Task<(IQueryable<Conversation> Query, bool MoreMatches)> ApplySqliteAsync(
        CornerSpotDb db, IQueryable<Conversation> query, InboxSearch search, CancellationToken ct)
    {
        var customerLookup = SqliteCustomers(search);
        var customers = Ids(db, customerLookup);
        var moreMatches = await MatchesMoreThanLimitAsync(db, customerLookup, ct);
        if (SqliteMessages(search) is not { } messageLookup) return (query.Where(c => customers.Contains(c.CustomerId)), moreMatches);

        var messages = Ids(db, messageLookup);
        moreMatches |= await MatchesMoreThanLimitAsync(db, messageLookup, ct);
        return (query.Where(c => customers.Contains(c.CustomerId) || messages.Contains(c.Id)), moreMatches);
    }

    // PostgreSQL's word and trigram indexes cannot hand matches over newest first, so "the newest matches" means either
    // walking the table backwards testing rows (cheap for a common term, every row for a rare one) or fetching every
    // match through the index and sorting (cheap for a rare term, a heap page per match for a common one). The planner
    // picks well for a word (it keeps the frequencies of the commonest thousand) and for a name or email fragment (from
    // the finer statistics migration CustomerSearchStatistics asks for). It cannot for a phrase: it multiplies its
    // words' frequencies, so "charged twice" (55,000 messages of 2.6 million) looks as rare as "grace hopper" (700),
    // and fetching 55,000 matches costs half a second. So a phrase walks a bounded stretch of the newest messages first
    // (about 20 ms), and goes through the index only if that did not fill the limit. The matched conversations are then
    // read once through their indexes, and the list's count and page take them as an array: a few primary-key probes
    // and a sort of a few hundred rows.
    private async Task<(IQueryable<Conversation> Query, bool MoreMatches)> ApplyPostgresAsync(
        CornerSpotDb db, IQueryable<Conversation> query, InboxSearch search, CancellationToken ct)
    {
        // The two lookups are independent: side by side on two connections, a search costs the slower of them.
        await using var customerDb = await dbFactory.CreateDbContextAsync(ct);
        var customerLookup = NewestAsync(customerDb, PostgresCustomers(search), ct);
        var messageLookup = PostgresMessages(search) is { } messages ? NewestAsync(db, messages, ct) : Task.FromResult<(Guid[], bool)>(([], false));
        await Task.WhenAll(customerLookup, messageLookup);
        var ((customers, moreCustomers), (conversations, moreMessages)) = (customerLookup.Result, messageLookup.Result);
        var matched = await db.Conversations.Where(c => customers.Contains(c.CustomerId) || conversations.Contains(c.Id))
            .Select(c => c.Id).ToListAsync(ct);
        return (query.Where(c => matched.Contains(c.Id)), moreCustomers || moreMessages);
    }

    /// <summary>The newest matches of one PostgreSQL lookup, one past the limit (which says whether there are more).</summary>
    private async Task<(Guid[] Ids, bool More)> NewestAsync(CornerSpotDb db, PostgresLookup lookup, CancellationToken ct)
    {
        var wanted = _matchLimit + 1;
        var ids = lookup.WalkFirst ? await lookup.WalkAsync(db, PhraseWalkRows, wanted, ct) : [];
        if (ids.Count < wanted) ids = await lookup.IndexAsync(db, wanted, ct);
        return ids.Count > _matchLimit ? ([.. ids.Take(_matchLimit).Distinct()], true) : ([.. ids.Distinct()], false);
    }

    /// <summary>How many of the newest messages a phrase is tested against before the index is asked: a phrase in one
    /// message of 100 recent ones fills the limit within it.</summary>
    private int PhraseWalkRows => 100 * _matchLimit;

    private IQueryable<Guid> Ids(CornerSpotDb db, FtsLookup lookup) =>
        db.Database.SqlQueryRaw<Guid>(lookup.IdsSql, [.. lookup.Args, _matchLimit]);

    /// <summary>Counts at most one past the limit: cheap however common the term is.</summary>
    private async Task<bool> MatchesMoreThanLimitAsync(CornerSpotDb db, FtsLookup lookup, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>(lookup.CountSql, [.. lookup.Args, _matchLimit + 1]).SingleAsync(ct) > _matchLimit;

    private static FtsLookup SqliteCustomers(InboxSearch search) => SqliteLookup("Customers", "Id", "CustomersSearch", search.CustomerMatch);

    private static FtsLookup? SqliteMessages(InboxSearch search) =>
        search.MessageMatch is { } words ? SqliteLookup("Messages", "ConversationId", "MessagesSearch", words) : null;

    private static FtsLookup SqliteLookup(string table, string id, string index, string match)
    {
        var lookup = new FtsLookup("", [match]);
        return lookup with
        {
            IdsSql = $"""
                SELECT "{id}" AS "Value" FROM "{table}"
                WHERE rowid IN (SELECT rowid FROM "{index}" WHERE "{index}" MATCH {"{0}"} ORDER BY rowid DESC LIMIT {lookup.Limit})
                """,
            CountSql = $"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "{index}" WHERE "{index}" MATCH {"{0}"} LIMIT {lookup.Limit})""",
        };
    }

    // ILIKE '%…%' is what the trigram indexes answer.
    private static PostgresLookup PostgresCustomers(InboxSearch search)
    {
        var phones = search.PhoneDigits.Select((_, i) => $"""OR "PhoneE164" LIKE {"{" + (i + 1) + "}"} """);
        return new PostgresLookup("Customers", "Id", $"""("Name" ILIKE {"{0}"} OR "Email" ILIKE {"{0}"} {string.Concat(phones)})""",
            [search.LikePattern, .. search.PhoneDigits.Select(d => $"%{d}%")]);
    }

    private static PostgresLookup? PostgresMessages(InboxSearch search) =>
        search.MessageTsQuery is { } words
            ? new PostgresLookup("Messages", "ConversationId",
                $"""("{PostgresCornerSpotDb.MessageSearchVector}" @@ to_tsquery('{PostgresCornerSpotDb.TextSearchConfig}', {"{0}"}))""", [words],
                WalkFirst: search.MessageTsQueryIsPhrase)
            : null;

    /// <summary>Rows of <paramref name="Table"/> matching <paramref name="Match"/> (SQL taking <paramref name="Args"/>),
    /// newest first: their <paramref name="Id"/> column. Ids are version 7 GUIDs: the largest are the newest.</summary>
    /// <param name="WalkFirst">Whether the planner misjudges how common the term is (a phrase).</param>
    private sealed record PostgresLookup(string Table, string Id, string Match, object[] Args, bool WalkFirst = false)
    {
        private string Arg(int i) => "{" + (Args.Length + i) + "}";

        private string WalkSql => $"""
            SELECT "{Id}" AS "Value" FROM (SELECT * FROM "{Table}" ORDER BY "Id" DESC LIMIT {Arg(0)}) AS newest
            WHERE {Match} ORDER BY "Id" DESC LIMIT {Arg(1)}
            """;

        private string IndexSql => $"""SELECT "{Id}" AS "Value" FROM "{Table}" WHERE {Match} ORDER BY "Id" DESC LIMIT {Arg(0)}""";

        /// <summary>The matches among the newest <paramref name="rows"/> rows, at most <paramref name="limit"/>: a walk
        /// down the primary key, whatever the planner thinks of the term.</summary>
        public Task<List<Guid>> WalkAsync(CornerSpotDb db, int rows, int limit, CancellationToken ct) =>
            db.Database.SqlQueryRaw<Guid>(WalkSql, [.. Args, rows, limit]).ToListAsync(ct);

        /// <summary>The newest <paramref name="limit"/> matches of the whole table, as the planner finds them.</summary>
        public Task<List<Guid>> IndexAsync(CornerSpotDb db, int limit, CancellationToken ct) =>
            db.Database.SqlQueryRaw<Guid>(IndexSql, [.. Args, limit]).ToListAsync(ct);
    }

    private Expression<Func<Conversation, bool>> LikeSearch(CornerSpotDb db, InboxSearch search)
    {
        var like = search.LikePattern;
        var digits = search.PhoneDigits.Select(d => $"%{d}%").ToList();
        // Uncorrelated IN (SELECT …) sets: SQLite reads each table once into a temporary index, instead of
        // probing messages and callbacks once per conversation. LIKE is case-insensitive for ASCII.
        var customers = db.Customers
            .Where(CaseBlind<Customers.Customer>(cu => EF.Functions.Like(cu.Name, like, InboxSearch.Escape)
                         || (cu.Email != null && EF.Functions.Like(cu.Email, like, InboxSearch.Escape))
                         || digits.Any(d => EF.Functions.Like(cu.PhoneE164, d))))
            .Select(cu => cu.Id);
        var messages = db.Messages
            .Where(CaseBlind<Message>(m => EF.Functions.Like(m.Body, like, InboxSearch.Escape)))
            .Select(m => m.ConversationId);
        var callbacks = db.CallbackRequests
            .Where(CaseBlind<Callbacks.CallbackRequest>(cb => (cb.Note != null && EF.Functions.Like(cb.Note, like, InboxSearch.Escape))
                         || EF.Functions.Like(cb.Name, like, InboxSearch.Escape)))
            .Select(cb => cb.ConversationId);
        return c => customers.Contains(c.CustomerId) || messages.Contains(c.Id) || callbacks.Contains(c.Id);
    }

    /// <summary>SQLite's LIKE ignores case (ASCII); PostgreSQL's does not, and its ILIKE does.</summary>
    private Expression<Func<T, bool>> CaseBlind<T>(Expression<Func<T, bool>> predicate) =>
        _postgres ? (Expression<Func<T, bool>>)new LikeToILike().Visit(predicate) : predicate;

    private sealed class LikeToILike : ExpressionVisitor
    {
        private static readonly MethodInfo[] ILikes = typeof(NpgsqlDbFunctionsExtensions).GetMethods()
            .Where(m => m.Name == nameof(NpgsqlDbFunctionsExtensions.ILike)).ToArray();

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(DbFunctionsExtensions) || node.Method.Name != nameof(DbFunctionsExtensions.Like))
                return base.VisitMethodCall(node);
            var ilike = ILikes.Single(m => m.GetParameters().Length == node.Arguments.Count);
            return Expression.Call(ilike, node.Arguments.Select(Visit)!);
        }
    }
}
