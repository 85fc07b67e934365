using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Inbox;

public enum InboxStatusFilter { All = 0, Pending = 1, Open = 2, Resolved = 3 }

/// <summary>What the Live Chat Inbox shows: a search, a queue (by slug), a status and a 1-based page.</summary>
public sealed record InboxFilter(
    string? Search = null,
    string? Queue = null,
    InboxStatusFilter Status = InboxStatusFilter.All,
    int Page = 1,
    int PageSize = InboxFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxSearchLength = 100;
}

public sealed record ConversationRow(
    Guid Id,
    string CustomerName,
    string Preview,
    string QueueName,
    ConversationStatus Status,
    DateTime LastActivityAt,
    CallbackStatus? Callback,
    DateTime? CallbackRequestedAt);

/// <param name="InboxIsEmpty">True only when there are no conversations at all, so the view can tell
/// "no conversations yet" from "nothing matches".</param>
/// <param name="MoreMatches">The search matched more customers or messages than it follows (the newest
/// <c>Inbox:SearchMatchLimit</c> of each): Total counts the conversations of those, and there are more.</param>
public sealed record InboxListing(IReadOnlyList<ConversationRow> Rows, int Total, int Page, int PageSize, bool InboxIsEmpty, bool MoreMatches = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int FirstRowNumber => Total == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int LastRowNumber => (Page - 1) * PageSize + Rows.Count;
}

public sealed record QueueOption(string Slug, string Name);

/// <summary>The inbox list: one page at a time, newest activity first, never the whole table.</summary>
/// <remarks>Searches go through the full-text indexes (see the SearchIndex migration) unless <c>Inbox:SearchIndex</c>
/// is false, or the term is too short for them; then LIKE scans the tables, which at a million conversations takes
/// seconds.</remarks>
public sealed class InboxQuery(
    IDbContextFactory<CornerSpotDb> dbFactory, PhoneNumberParser phones, IConfiguration config, IInboxEvents events, TimeProvider clock)
    : IDisposable
{
    /// <summary>How long one pending count may serve without an event; covers writes that publish none.</summary>
    private static readonly TimeSpan PendingCountMaxAge = TimeSpan.FromSeconds(5);

    private readonly bool _useSearchIndex = config.GetValue("Inbox:SearchIndex", true);
    // A term in 50,000 conversations ("Smith", "invoice") would otherwise cost a pass over all of them for every
    // page and every live refresh; agents want the recent ones, and a narrower search for the rest.
    private readonly int _matchLimit = Math.Max(1, config.GetValue("Inbox:SearchMatchLimit", 1_000));

    public async Task<InboxListing> ListAsync(InboxFilter filter, CancellationToken ct)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var query = db.Conversations.AsNoTracking();

        query = filter.Status switch
        {
            InboxStatusFilter.Pending => query.Where(c => c.Status == ConversationStatus.Pending),
            InboxStatusFilter.Open => query.Where(c => c.Status == ConversationStatus.Open),
            InboxStatusFilter.Resolved => query.Where(c => c.Status == ConversationStatus.Resolved),
            _ => query,
        };

        if (!string.IsNullOrWhiteSpace(filter.Queue))
        {
            var queueId = await db.Queues.AsNoTracking().Where(q => q.Slug == filter.Queue).Select(q => (Guid?)q.Id).SingleOrDefaultAsync(ct);
            if (queueId is null) return new InboxListing([], 0, 1, pageSize, InboxIsEmpty: false);
            query = query.Where(c => c.QueueId == queueId);
        }

        var moreMatches = false;
        if (InboxSearch.Parse(filter.Search, phones) is { } search)
        {
            if (_useSearchIndex && search.CanUseIndex)
            {
                // The newest matches first: FTS5 walks its rowids backwards and stops at the limit.
                var customers = db.Database.SqlQuery<Guid>($"""
                    SELECT "Id" AS "Value" FROM "Customers"
                    WHERE rowid IN (SELECT rowid FROM "CustomersSearch" WHERE "CustomersSearch" MATCH {search.CustomerMatch}
                                    ORDER BY rowid DESC LIMIT {_matchLimit})
                    """);
                moreMatches = await MatchesMoreThanAsync(db, "CustomersSearch", search.CustomerMatch, ct);
                if (search.MessageMatch is { } words)
                {
                    var messages = db.Database.SqlQuery<Guid>($"""
                        SELECT "ConversationId" AS "Value" FROM "Messages"
                        WHERE rowid IN (SELECT rowid FROM "MessagesSearch" WHERE "MessagesSearch" MATCH {words}
                                        ORDER BY rowid DESC LIMIT {_matchLimit})
                        """);
                    moreMatches |= await MatchesMoreThanAsync(db, "MessagesSearch", words, ct);
                    query = query.Where(c => customers.Contains(c.CustomerId) || messages.Contains(c.Id));
                }
                else
                {
                    query = query.Where(c => customers.Contains(c.CustomerId));
                }
            }
            else
            {
                query = query.Where(LikeSearch(db, search));
            }
        }

        var total = await query.CountAsync(ct);
        var inboxIsEmpty = total == 0 && !await db.Conversations.AnyAsync(ct);

        var rows = await query
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            // Scalar subqueries, one index probe per row on the page. (A navigation-style FirstOrDefault() makes
            // EF number every callback in the table with ROW_NUMBER() on every page load.)
            .Select(c => new ConversationRow(
                c.Id,
                c.Customer!.Name,
                c.Preview,
                c.Queue!.Name,
                c.Status,
                c.LastActivityAt,
                db.CallbackRequests.Where(cb => cb.ConversationId == c.Id).OrderByDescending(cb => cb.RequestedAt)
                    .Select(cb => (CallbackStatus?)cb.Status).FirstOrDefault(),
                db.CallbackRequests.Where(cb => cb.ConversationId == c.Id).OrderByDescending(cb => cb.RequestedAt)
                    .Select(cb => (DateTime?)cb.RequestedAt).FirstOrDefault()))
            .ToListAsync(ct);

        return new InboxListing(rows, total, page, pageSize, inboxIsEmpty, moreMatches);
    }

    private async Task<bool> MatchesMoreThanAsync(CornerSpotDb db, string index, string match, CancellationToken ct)
    {
        // Counts at most one past the limit: cheap however common the term is. (The index name is one of ours.)
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM (SELECT 1 FROM \"{index}\" WHERE \"{index}\" MATCH {{0}} LIMIT {{1}})";
        var found = await db.Database.SqlQueryRaw<int>(sql, match, _matchLimit + 1).SingleAsync(ct);
        return found > _matchLimit;
    }

    private static System.Linq.Expressions.Expression<Func<Conversation, bool>> LikeSearch(CornerSpotDb db, InboxSearch search)
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

    public async Task<IReadOnlyList<QueueOption>> QueuesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Queues.AsNoTracking()
            .Where(q => !q.IsArchived)
            .OrderBy(q => q.Name)
            .Select(q => new QueueOption(q.Slug, q.Name))
            .ToListAsync(ct);
    }

    private PendingCount? _pendingCount;

    // Subscribed when the first console asks for this query, so before that console's own subscription: the count is
    // marked stale before any console's handler (which yields first) can re-read it.
    private readonly EventCounter _events = new(events);

    private sealed record PendingCount(long EventsSeen, long ReadAt, int Value);

    /// <summary>The number on the nav badge and the inbox's tab title; served by the (Status, RequestedAt) index.
    /// Every open console asks for it on every arrival and resolution, so one read serves them all until the next
    /// event.</summary>
    public async Task<int> PendingCallbackCountAsync(CancellationToken ct)
    {
        var seen = _events.Seen;
        if (Volatile.Read(ref _pendingCount) is { } cached && cached.EventsSeen == seen && clock.GetElapsedTime(cached.ReadAt) < PendingCountMaxAge)
            return cached.Value;

        var readAt = clock.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = await db.CallbackRequests.CountAsync(c => c.Status == CallbackStatus.Pending, ct);
        // An event during the read may have changed the number: then this one answers its caller but is not kept.
        if (_events.Seen == seen) Volatile.Write(ref _pendingCount, new PendingCount(seen, readAt, value));
        return value;
    }

    public void Dispose() => _events.Dispose();

    private sealed class EventCounter : IDisposable
    {
        private readonly IDisposable _subscription;
        private long _seen;

        public EventCounter(IInboxEvents events) =>
            _subscription = events.Subscribe(_ =>
            {
                Interlocked.Increment(ref _seen);
                return Task.CompletedTask;
            });

        public long Seen => Interlocked.Read(ref _seen);

        public void Dispose() => _subscription.Dispose();
    }
}

/// <summary>What an agent typed into "Search conversations…": the term, the phone digits it may stand for, and
/// the full-text queries and LIKE pattern that find them.</summary>
public sealed record InboxSearch(string Term, IReadOnlyList<string> PhoneDigits)
{
    public const string Escape = "\\";
    private const int MinPhoneDigits = 4;
    private const int MinIndexedLength = 3;

    /// <summary>The trigram index finds substrings of 3 characters or more; shorter ones need a scan.</summary>
    public bool CanUseIndex => Term.Length >= MinIndexedLength;

    /// <summary>FTS5 query on the customers' trigram index: the term anywhere in a name or email, or its digits
    /// anywhere in a phone number.</summary>
    public string CustomerMatch =>
        "{Name Email} : " + Quote(Term) + string.Concat(PhoneDigits.Select(d => " OR PhoneE164 : " + Quote(d)));

    /// <summary>FTS5 query on the message word index: the term's words in order, the last one as a prefix; null when
    /// the term has no word in it at all.</summary>
    public string? MessageMatch => Term.Any(char.IsLetterOrDigit) ? Quote(Term) + "*" : null;

    public string LikePattern => $"%{EscapeLike(Term)}%";

    public static InboxSearch? Parse(string? text, PhoneNumberParser phones)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var term = text.Trim();
        if (term.Length > InboxFilter.MaxSearchLength) term = term[..InboxFilter.MaxSearchLength];

        var phoneDigits = new List<string>();
        if (LooksLikePhone(term))
        {
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            // A whole number in any format: compare its E.164 digits.
            if (phones.ToE164(term) is { } e164) phoneDigits.Add(e164[1..]);
            if (digits.Length >= MinPhoneDigits)
            {
                phoneDigits.Add(digits);
                // National forms carry a trunk "0" that E.164 drops: "07946 0958" is "…7946 0958" in "+44 20 7946 0958".
                var withoutTrunk = digits.TrimStart('0');
                if (withoutTrunk.Length >= MinPhoneDigits && withoutTrunk != digits) phoneDigits.Add(withoutTrunk);
            }
        }
        return new InboxSearch(term, phoneDigits.Distinct().ToList());
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    private static bool LooksLikePhone(string term) =>
        term.Any(char.IsAsciiDigit) && term.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')' or '.' or '/');

    private static string EscapeLike(string s) =>
        s.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
}
