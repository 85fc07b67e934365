using System.Linq.Expressions;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Search;

/// <summary>Narrows a conversation query to what "Search conversations…" finds.</summary>
/// <remarks>Searches go through the full-text indexes (see <see cref="SearchIndexSql"/>) unless <c>Inbox:SearchIndex</c>
/// is false, or the term is too short for them; then LIKE scans the tables, which at a million conversations takes
/// seconds.</remarks>
public sealed class ConversationSearch(PhoneNumberParser phones, IConfiguration config)
{
    private readonly bool _useSearchIndex = config.GetValue("Inbox:SearchIndex", true);
    // A term in 50,000 conversations ("Smith", "invoice") would otherwise cost a pass over all of them for every
    // page and every live refresh; agents want the recent ones, and a narrower search for the rest.
    private readonly int _matchLimit = Math.Max(1, config.GetValue("Inbox:SearchMatchLimit", 1_000));

    /// <returns>The narrowed query, and whether the search matched more customers or messages than it follows.</returns>
    public async Task<(IQueryable<Conversation> Query, bool MoreMatches)> ApplyAsync(
        CornerSpotDb db, IQueryable<Conversation> query, string? text, CancellationToken ct)
    {
        if (InboxSearch.Parse(text, phones) is not { } search) return (query, false);
        if (!_useSearchIndex || !search.CanUseIndex) return (query.Where(LikeSearch(db, search)), false);

        // The newest matches first: FTS5 walks its rowids backwards and stops at the limit.
        var customers = db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM "Customers"
            WHERE rowid IN (SELECT rowid FROM "CustomersSearch" WHERE "CustomersSearch" MATCH {search.CustomerMatch}
                            ORDER BY rowid DESC LIMIT {_matchLimit})
            """);
        var moreMatches = await MatchesMoreThanAsync(db, "CustomersSearch", search.CustomerMatch, ct);
        if (search.MessageMatch is not { } words) return (query.Where(c => customers.Contains(c.CustomerId)), moreMatches);

        var messages = db.Database.SqlQuery<Guid>($"""
            SELECT "ConversationId" AS "Value" FROM "Messages"
            WHERE rowid IN (SELECT rowid FROM "MessagesSearch" WHERE "MessagesSearch" MATCH {words}
                            ORDER BY rowid DESC LIMIT {_matchLimit})
            """);
        moreMatches |= await MatchesMoreThanAsync(db, "MessagesSearch", words, ct);
        return (query.Where(c => customers.Contains(c.CustomerId) || messages.Contains(c.Id)), moreMatches);
    }

    private async Task<bool> MatchesMoreThanAsync(CornerSpotDb db, string index, string match, CancellationToken ct)
    {
        // Counts at most one past the limit: cheap however common the term is. (The index name is one of ours.)
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM (SELECT 1 FROM \"{index}\" WHERE \"{index}\" MATCH {{0}} LIMIT {{1}})";
        var found = await db.Database.SqlQueryRaw<int>(sql, match, _matchLimit + 1).SingleAsync(ct);
        return found > _matchLimit;
    }

    private static Expression<Func<Conversation, bool>> LikeSearch(CornerSpotDb db, InboxSearch search)
    {
        var like = search.LikePattern;
        var digits = search.PhoneDigits.Select(d => $"%{d}%").ToList();
        // Uncorrelated IN (SELECT …) sets: SQLite reads each table once into a temporary index, instead of
        // probing messages and callbacks once per conversation. LIKE is case-insensitive for ASCII.
        var customers = db.Customers
            .Where(cu => EF.Functions.Like(cu.Name, like, InboxSearch.Escape)
                         || (cu.Email != null && EF.Functions.Like(cu.Email, like, InboxSearch.Escape))
                         || digits.Any(d => EF.Functions.Like(cu.PhoneE164, d)))
            .Select(cu => cu.Id);
        var messages = db.Messages
            .Where(m => EF.Functions.Like(m.Body, like, InboxSearch.Escape))
            .Select(m => m.ConversationId);
        var callbacks = db.CallbackRequests
            .Where(cb => (cb.Note != null && EF.Functions.Like(cb.Note, like, InboxSearch.Escape))
                         || EF.Functions.Like(cb.Name, like, InboxSearch.Escape))
            .Select(cb => cb.ConversationId);
        return c => customers.Contains(c.CustomerId) || messages.Contains(c.Id) || callbacks.Contains(c.Id);
    }
}
