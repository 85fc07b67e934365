namespace CornerSpot.Domain.Inbox;

/// <param name="InboxIsEmpty">True only when there are no conversations at all, so the view can tell
/// "no conversations yet" from "nothing matches".</param>
/// <param name="MoreMatches">The search matched more customers or messages than it follows (the newest
/// <c>Inbox:SearchMatchLimit</c> of each): Total counts the conversations of those, and there are more.</param>
/// <param name="MoreThanCounted">More conversations are listed than were counted (<c>Inbox:CountLimit</c>, or the end of
/// this page if further): Total is that limit, and there is at least one page after it.</param>
public sealed record InboxListing(
    IReadOnlyList<ConversationRow> Rows, int Total, int Page, int PageSize, bool InboxIsEmpty, bool MoreMatches = false, bool MoreThanCounted = false)
{
    /// <summary>Total is a floor: "1,234+".</summary>
    public bool TotalIsAtLeast => MoreMatches || MoreThanCounted;
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize) + (MoreThanCounted ? 1 : 0);
    public int FirstRowNumber => Total == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int LastRowNumber => (Page - 1) * PageSize + Rows.Count;
}
