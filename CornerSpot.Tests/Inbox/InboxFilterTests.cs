using CornerSpot.Domain.Inbox;

namespace CornerSpot.Tests.Inbox;

public sealed class InboxFilterTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("abc", 1)]
    [InlineData("-3", 1)]
    [InlineData("0", 1)]
    [InlineData("2", 2)]
    [InlineData("9999999999", InboxFilter.MaxPage)]
    [InlineData("1e3", 1)]
    [InlineData("٣", 1)]
    public void Any_page_value_reads_as_a_page_the_inbox_can_show(string? page, int expected)
    {
        Assert.Equal(expected, InboxFilter.FromQuery(null, null, null, page).Page);
    }

    [Theory]
    [InlineData("\0\0\0", null)]
    [InlineData(" ada\u0007 lovelace\r\n", "ada lovelace")]
    [InlineData("   ", null)]
    public void Control_characters_are_dropped_from_the_search(string search, string? expected)
    {
        Assert.Equal(expected, InboxFilter.FromQuery(search, null, null, null).Search);
    }

    [Theory]
    [InlineData("pending", InboxStatusFilter.Pending)]
    [InlineData("RESOLVED", InboxStatusFilter.Resolved)]
    [InlineData("2", InboxStatusFilter.All)]
    [InlineData("nonsense", InboxStatusFilter.All)]
    [InlineData(null, InboxStatusFilter.All)]
    public void An_unknown_status_shows_everything(string? status, InboxStatusFilter expected)
    {
        Assert.Equal(expected, InboxFilter.FromQuery(null, null, status, null).Status);
    }

    [Fact]
    public void A_filter_writes_the_url_it_is_read_back_from()
    {
        var filter = new InboxFilter("ada & grace", "billing", InboxStatusFilter.Pending, 3);

        var uri = new Uri(new Uri("http://console.test"), filter.ToUri());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);

        Assert.Equal("/dashboard/chat/inbox", uri.AbsolutePath);
        Assert.Equal(filter, InboxFilter.FromQuery(query["q"], query["queue"], query["status"], query["page"]));
    }

    [Fact]
    public void The_default_filter_is_the_bare_inbox_route()
    {
        Assert.Equal("/dashboard/chat/inbox", new InboxFilter().ToUri());
        Assert.Equal("/dashboard/chat/inbox?status=pending", InboxFilter.Pending.ToUri());
    }

    [Fact]
    public void A_conversation_link_keeps_the_list_s_filter()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal("/dashboard/chat/inbox/0f8fad5b-d9cb-469f-a165-70867728950e?queue=sales",
            new InboxFilter(Queue: "sales").ToUri(id));
    }

    [Theory]
    [InlineData("due", InboxSort.Due)]
    [InlineData(" DUE ", InboxSort.Due)]
    [InlineData("newest", InboxSort.NewestActivity)]
    [InlineData("1", InboxSort.NewestActivity)]
    [InlineData(null, InboxSort.NewestActivity)]
    public void An_unknown_sort_is_newest_activity(string? sort, InboxSort expected)
    {
        Assert.Equal(expected, InboxFilter.FromQuery(null, null, null, null, sort: sort).Sort);
    }

    [Theory]
    [InlineData("me", InboxAssignee.Me)]
    [InlineData("Me", InboxAssignee.Me)]
    [InlineData("none", InboxAssignee.Unclaimed)]
    [InlineData("someone-else", InboxAssignee.Anyone)]
    [InlineData("1", InboxAssignee.Anyone)]
    [InlineData(null, InboxAssignee.Anyone)]
    public void An_unknown_assignee_is_anyone(string? assignee, InboxAssignee expected)
    {
        Assert.Equal(expected, InboxFilter.FromQuery(null, null, null, null, assignee: assignee).Assignee);
    }

    [Theory]
    [InlineData(InboxSort.Due, InboxAssignee.Me, "/dashboard/chat/inbox?status=pending&sort=due&assignee=me")]
    [InlineData(InboxSort.NewestActivity, InboxAssignee.Unclaimed, "/dashboard/chat/inbox?status=pending&assignee=none")]
    [InlineData(InboxSort.NewestActivity, InboxAssignee.Anyone, "/dashboard/chat/inbox?status=pending")]
    public void Sort_and_assignee_are_written_to_the_url_and_read_back(InboxSort sort, InboxAssignee assignee, string expected)
    {
        var filter = InboxFilter.Pending with { Sort = sort, Assignee = assignee };
        var uri = new Uri(new Uri("http://console.test"), filter.ToUri());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);

        Assert.Equal(expected, filter.ToUri());
        Assert.Equal(filter,
            InboxFilter.FromQuery(Read("q"), Read("queue"), Read("status"), Read("page"), Read("sort"), Read("assignee")));

        string? Read(string key) => query.TryGetValue(key, out var value) ? value.ToString() : null;
    }
}
