namespace CornerSpot.Domain.Inbox;

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
