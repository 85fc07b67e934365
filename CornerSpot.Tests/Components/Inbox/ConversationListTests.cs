using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class ConversationListTests : MudTestContext
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private IRenderedComponent<ConversationList> RenderRow(string? caller, bool isYou) =>
        Render<ConversationList>(p => p
            .Add(c => c.Page, new InboxListing(
                [new ConversationRow(Guid.NewGuid(), "Grace Hopper", "Call me back", "General", ConversationStatus.Pending, Now,
                    CallbackStatus.Pending, Now, caller, isYou)], 1, 1, 50, InboxIsEmpty: false))
            .Add(c => c.Clock, new AgentClock(TimeZoneInfo.Utc, Now))
            .Add(c => c.RowHref, id => $"/dashboard/chat/inbox/{id}"));

    [Fact]
    public void A_row_someone_else_is_calling_names_them()
    {
        var cut = RenderRow("Ada Agent", isYou: false);

        Assert.Equal("Ada Agent is calling", cut.Find("[data-testid=row-calling]").TextContent.Trim());
    }

    [Fact]
    public void A_row_you_are_calling_says_so()
    {
        var cut = RenderRow("Ada Agent", isYou: true);

        Assert.Equal("You're calling", cut.Find("[data-testid=row-calling]").TextContent.Trim());
    }

    [Fact]
    public void A_row_nobody_is_calling_has_no_calling_label()
    {
        var cut = RenderRow(null, isYou: false);

        Assert.Empty(cut.FindAll("[data-testid=row-calling]"));
    }

    [Fact]
    public void Markup_a_visitor_typed_into_their_name_note_or_queue_shows_as_text_and_never_runs()
    {
        const string name = "<img src=x onerror=alert(1)>Mallory";
        const string preview = "<script>alert(2)</script> & \"quotes\"";
        var cut = Render<ConversationList>(p => p
            .Add(c => c.Page, new InboxListing(
                [new ConversationRow(Guid.NewGuid(), name, preview, "<b>Sales</b>", ConversationStatus.Pending, Now,
                    CallbackStatus.Pending, Now, "<i>Eve</i>", false, UnreadCount: 2)], 1, 1, 50, InboxIsEmpty: false))
            .Add(c => c.Clock, new AgentClock(TimeZoneInfo.Utc, Now))
            .Add(c => c.RowHref, id => $"/dashboard/chat/inbox/{id}"));

        var row = cut.Find("[data-testid=conversation-row]");
        Assert.Empty(row.QuerySelectorAll("img, script, b, i"));
        Assert.Contains(name, row.TextContent);
        Assert.Contains(preview, row.TextContent);
        Assert.Contains("<b>Sales</b>", row.TextContent);
        Assert.Contains("<i>Eve</i> is calling", row.TextContent);
    }
}
