using Bunit;
using CornerSpot.Domain.Conversations;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class CustomerSidebarTests : MudTestContext
{
    private static readonly AgentClock London =
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private IRenderedComponent<CustomerSidebar> RenderSidebar(string? email, string? pageUrl = null) =>
        Render<CustomerSidebar>(p => p
            .Add(c => c.Customer, new CustomerView(Guid.NewGuid(), "Ada Lovelace", "+442079460958", email, "Europe/London", pageUrl,
                new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), []))
            .Add(c => c.Clock, London)
            .Add(c => c.ConversationHref, id => $"/dashboard/chat/inbox/{id}"));

    [Fact]
    public void An_address_stored_before_the_email_rule_cannot_add_recipients_to_the_email_link()
    {
        // Accepted by the widget API before '?', '&' and '%' were refused, and still in the database.
        var cut = RenderSidebar("ada?cc=m%40evil.example&x=@example.com");

        var link = cut.Find("[data-testid=customer-email]");
        Assert.Equal("mailto:ada%3Fcc%3Dm%2540evil.example%26x%3D@example.com", link.GetAttribute("href"));
        Assert.Equal("ada?cc=m%40evil.example&x=@example.com", link.TextContent);
    }

    [Fact]
    public void An_ordinary_address_links_as_it_reads()
    {
        var cut = RenderSidebar("ada+callbacks@example.com");

        Assert.Equal("mailto:ada%2Bcallbacks@example.com", cut.Find("[data-testid=customer-email]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    public void A_page_address_that_is_not_http_stays_text(string pageUrl)
    {
        var cut = RenderSidebar(null, pageUrl);

        Assert.DoesNotContain(cut.FindAll("a"), a => a.GetAttribute("href") == pageUrl);
        Assert.Contains(pageUrl, cut.Markup);
    }
}
