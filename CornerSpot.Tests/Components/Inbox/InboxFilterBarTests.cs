using Bunit;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class InboxFilterBarTests : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<InboxFilterBar> RenderBar(string? search = null, InboxStatusFilter status = InboxStatusFilter.All) =>
        Render<InboxFilterBar>(p => p
            .Add(c => c.Filter, new InboxFilter(search, Status: status))
            .Add(c => c.Queues, [new QueueOption("billing", "Billing"), new QueueOption("sales", "Sales")]));

    private static IEnumerable<AngleSharp.Dom.IElement> Buttons(IRenderedComponent<InboxFilterBar> cut, string group) =>
        cut.Find($"[role=group][aria-label='{group}']").QuerySelectorAll("button");

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<InboxFilterBar> cut, string group, string name) =>
        Buttons(cut, group).Single(e => e.TextContent.Trim() == name);

    [Fact]
    public void Typing_a_search_writes_q_to_the_query_string()
    {
        Nav.NavigateTo("/dashboard/chat/inbox?status=pending&page=3");
        var cut = RenderBar(status: InboxStatusFilter.Pending);

        cut.Find("input#inbox-search").Input("ada lovelace");

        cut.WaitForAssertion(() => Assert.EndsWith("/dashboard/chat/inbox?q=ada%20lovelace&status=pending", Nav.Uri), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Choosing_a_status_writes_status_and_starts_again_at_page_one()
    {
        Nav.NavigateTo("/dashboard/chat/inbox?q=ada&page=2");
        var cut = RenderBar(search: "ada");

        Button(cut, "Status", "Resolved").Click();

        Assert.EndsWith("/dashboard/chat/inbox?q=ada&status=resolved", Nav.Uri);
    }

    [Fact]
    public void Choosing_All_removes_status_from_the_query_string()
    {
        Nav.NavigateTo("/dashboard/chat/inbox/0f8fad5b-d9cb-469f-a165-70867728950e?status=open");
        var cut = Render<InboxFilterBar>(p => p
            .Add(c => c.Filter, new InboxFilter(Status: InboxStatusFilter.Open))
            .Add(c => c.ConversationId, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")));

        Button(cut, "Status", "All").Click();

        Assert.EndsWith("/dashboard/chat/inbox/0f8fad5b-d9cb-469f-a165-70867728950e", Nav.Uri);
    }

    [Fact]
    public void Shows_the_current_search_and_the_status_choices_in_order()
    {
        var cut = RenderBar(search: "ada");

        Assert.Equal("ada", cut.Find("input#inbox-search").GetAttribute("value"));
        Assert.Equal("Search conversations…", cut.Find("input#inbox-search").GetAttribute("placeholder"));
        Assert.Equal(["Pending", "Open", "Resolved", "All"], Buttons(cut, "Status").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void The_current_status_and_claim_filter_are_announced_as_pressed()
    {
        var cut = Render<InboxFilterBar>(p => p.Add(c => c.Filter, new InboxFilter(Status: InboxStatusFilter.Open, Assignee: InboxAssignee.Me)));

        Assert.Equal(["Open"], Buttons(cut, "Status").Where(e => e.GetAttribute("aria-pressed") == "true").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Mine"], Buttons(cut, "Who is calling").Where(e => e.GetAttribute("aria-pressed") == "true").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Choosing_a_queue_writes_queue_and_starts_again_at_page_one()
    {
        Nav.NavigateTo("/dashboard/chat/inbox?status=pending&page=2");
        var cut = RenderBar(status: InboxStatusFilter.Pending);

        cut.Find("select[aria-label=Queue]").Change("billing");

        Assert.EndsWith("/dashboard/chat/inbox?queue=billing&status=pending", Nav.Uri);
    }

    [Fact]
    public void Choosing_Mine_writes_assignee_me_and_Unclaimed_writes_assignee_none()
    {
        Nav.NavigateTo("/dashboard/chat/inbox?status=pending&page=2");
        var cut = RenderBar(status: InboxStatusFilter.Pending);

        Button(cut, "Who is calling", "Mine").Click();
        Assert.EndsWith("/dashboard/chat/inbox?status=pending&assignee=me", Nav.Uri);

        Button(cut, "Who is calling", "Unclaimed").Click();
        Assert.EndsWith("/dashboard/chat/inbox?status=pending&assignee=none", Nav.Uri);
    }

    [Fact]
    public void The_claim_filter_offers_anyone_mine_and_unclaimed_and_shows_the_current_sort()
    {
        var cut = Render<InboxFilterBar>(p => p.Add(c => c.Filter, new InboxFilter(Sort: InboxSort.Due)));

        Assert.Equal(["Anyone", "Mine", "Unclaimed"], Buttons(cut, "Who is calling").Select(e => e.TextContent.Trim()));
        Assert.Equal("Due first", cut.Find("select[aria-label=Sort] option[selected]").TextContent.Trim());
    }

    [Fact]
    public void Choosing_Due_first_writes_sort_due_and_keeps_the_other_filters()
    {
        Nav.NavigateTo("/dashboard/chat/inbox?status=pending&assignee=none&page=4");
        var cut = Render<InboxFilterBar>(p => p.Add(c => c.Filter,
            new InboxFilter(Status: InboxStatusFilter.Pending, Page: 4, Assignee: InboxAssignee.Unclaimed)));

        cut.Find("select[aria-label=Sort]").Change(InboxSort.Due.ToString());

        Assert.EndsWith("/dashboard/chat/inbox?status=pending&sort=due&assignee=none", Nav.Uri);
    }
}
