using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace CornerSpot.Domain.Inbox;

/// <summary>What the Live Chat Inbox shows: a search, a queue (by slug), a status, a 1-based page, the order and whose
/// callbacks. It lives in the query string (<c>?q=…&amp;queue=…&amp;status=…&amp;sort=due&amp;assignee=me&amp;page=…</c>), so this
/// is where its URLs are read and written.</summary>
public sealed record InboxFilter(
    string? Search = null,
    string? Queue = null,
    InboxStatusFilter Status = InboxStatusFilter.All,
    int Page = 1,
    int PageSize = InboxFilter.DefaultPageSize,
    InboxSort Sort = InboxSort.NewestActivity,
    InboxAssignee Assignee = InboxAssignee.Anyone)
{
    public const string Path = "/dashboard/chat/inbox";
    public const int DefaultPageSize = 50;
    public const int MaxSearchLength = 100;
    /// <summary>Far past any real inbox (5 million conversations at 50 a page); keeps OFFSET arithmetic in range.</summary>
    public const int MaxPage = 100_000;

    public static readonly InboxFilter Pending = new(Status: InboxStatusFilter.Pending);

    /// <summary>
    /// Reads the query-string values as a browser sent them. Whatever they hold, the answer is a filter the inbox
    /// can show: control characters are dropped from the search, an unknown status is All, a page that is not a
    /// number is 1 and one past the end is clamped, an unknown sort is newest activity and an unknown assignee is anyone.
    /// </summary>
    public static InboxFilter FromQuery(string? search, string? queue, string? status, string? page,
        string? sort = null, string? assignee = null) => new(
        Search: CleanSearch(search),
        Queue: string.IsNullOrWhiteSpace(queue) ? null : queue.Trim(),
        Status: Enum.TryParse<InboxStatusFilter>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _)
            ? s : InboxStatusFilter.All,
        Page: ReadPage(page),
        Sort: string.Equals(sort?.Trim(), DueSortValue, StringComparison.OrdinalIgnoreCase) ? InboxSort.Due : InboxSort.NewestActivity,
        Assignee: assignee?.Trim().ToLowerInvariant() switch
        {
            MineValue => InboxAssignee.Me,
            UnclaimedValue => InboxAssignee.Unclaimed,
            _ => InboxAssignee.Anyone,
        });

    private const string DueSortValue = "due";
    private const string MineValue = "me";
    private const string UnclaimedValue = "none";

    /// <summary>The inbox list with this filter: <c>/dashboard/chat/inbox?status=pending</c>.</summary>
    public string ToUri() => QueryHelpers.AddQueryString(Path, QueryValues());

    /// <summary>One conversation, keeping this filter for the list beside it.</summary>
    public string ToUri(Guid conversationId) => QueryHelpers.AddQueryString(ConversationPath(conversationId), QueryValues());

    public static string ConversationPath(Guid conversationId) => $"{Path}/{conversationId}";

    private IEnumerable<KeyValuePair<string, string?>> QueryValues()
    {
        if (!string.IsNullOrWhiteSpace(Search)) yield return new("q", Search);
        if (Queue is not null) yield return new("queue", Queue);
        if (Status != InboxStatusFilter.All) yield return new("status", Status.ToString().ToLowerInvariant());
        if (Sort == InboxSort.Due) yield return new("sort", DueSortValue);
        if (Assignee != InboxAssignee.Anyone) yield return new("assignee", Assignee == InboxAssignee.Me ? MineValue : UnclaimedValue);
        if (Page > 1) yield return new("page", Page.ToString(CultureInfo.InvariantCulture));
    }

    private static int ReadPage(string? page) =>
        string.IsNullOrEmpty(page) || !page.All(char.IsAsciiDigit) ? 1
        // All digits but too long for a long: far past the end either way.
        : long.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? (int)Math.Clamp(p, 1, MaxPage)
        : MaxPage;

    private static string? CleanSearch(string? search)
    {
        if (search is null) return null;
        // FTS5 reads a MATCH text as a C string, and nobody types a control character on purpose.
        var clean = new string(search.Where(ch => !char.IsControl(ch)).ToArray()).Trim();
        if (clean.Length > MaxSearchLength) clean = clean[..MaxSearchLength];
        return clean.Length == 0 ? null : clean;
    }
}
