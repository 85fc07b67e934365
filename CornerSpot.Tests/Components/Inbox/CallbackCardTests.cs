using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class CallbackCardTests : MudTestContext
{
    private static readonly DateTime Requested = new(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);

    // The agent works from London; it is 10:00 UTC, half an hour after the request.
    private static readonly AgentClock London =
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private static CallbackCardView Pending(string? note = "Question about my invoice", bool window = true) => new(
        Id: Guid.NewGuid(),
        ConversationId: Guid.NewGuid(),
        Name: "Ada Lovelace",
        PhoneE164: "+442079460958",
        PreferredStartUtc: window ? new DateTime(2026, 11, 26, 14, 0, 0, DateTimeKind.Utc) : null,
        PreferredEndUtc: window ? new DateTime(2026, 11, 26, 16, 0, 0, DateTimeKind.Utc) : null,
        VisitorTimeZone: "America/New_York",
        Note: note,
        RequestedAt: Requested,
        Status: CallbackStatus.Pending,
        ResolvedAt: null,
        ResolvedByName: null,
        CustomerName: "Ada Lovelace");

    private IRenderedComponent<CallbackCard> RenderCard(CallbackCardView view, Action? onResolve = null) =>
        Render<CallbackCard>(p => p
            .Add(c => c.Callback, view)
            .Add(c => c.Clock, London)
            .Add(c => c.OnResolve, onResolve ?? (() => { })));

    [Fact]
    public void A_name_other_than_the_customer_s_is_marked_as_given_on_this_request()
    {
        var cut = RenderCard(Pending() with { Name = "Mallory" });

        Assert.Equal("Mallory", cut.Find("[data-testid=callback-name]").TextContent.Trim());
        Assert.Equal("Name given on this request · the customer on file is Ada Lovelace",
            cut.Find("[data-testid=callback-name-given]").TextContent.Trim());
    }

    [Fact]
    public void The_customer_s_own_name_is_not_marked()
    {
        var cut = RenderCard(Pending());

        Assert.Empty(cut.FindAll("[data-testid=callback-name-given]"));
    }

    [Fact]
    public void Shows_every_field_of_a_pending_request()
    {
        var cut = RenderCard(Pending());

        Assert.Equal("Ada Lovelace", cut.Find("[data-testid=callback-name]").TextContent.Trim());
        Assert.Equal("+44 20 7946 0958", cut.Find("[data-testid=callback-phone]").TextContent.Trim());
        Assert.Equal("Question about my invoice", cut.Find("[data-testid=callback-note]").TextContent.Trim());
        var window = cut.Find("[data-testid=callback-window]").TextContent;
        Assert.Contains("Thu 26 Nov, 14:00–16:00", window);
        Assert.Contains("your time (Europe/London)", window);
        Assert.Contains("Thu 26 Nov, 09:00–11:00", window);
        Assert.Contains("visitor's time (America/New York)", window);
        var requested = cut.Find("[data-testid=callback-requested]").TextContent;
        Assert.Contains("Requested 25 Nov 2026, 09:30", requested);
        Assert.Contains("(30 min ago)", requested);
        Assert.Equal("Pending", cut.Find("[data-status]").TextContent.Trim());
        Assert.Equal("Mark resolved", cut.Find("[data-testid=mark-resolved]").TextContent.Trim());
    }

    [Fact]
    public void Phone_link_is_exactly_tel_and_the_E164_number()
    {
        var cut = RenderCard(Pending());

        Assert.Equal("tel:+442079460958", cut.Find("[data-testid=callback-phone]").GetAttribute("href"));
        Assert.All(cut.FindAll("a[href^='tel:']"), a => Assert.Equal("tel:+442079460958", a.GetAttribute("href")));
    }

    [Fact]
    public void Window_row_is_absent_when_the_visitor_gave_none()
    {
        var cut = RenderCard(Pending(window: false));

        Assert.Empty(cut.FindAll("[data-testid=callback-window]"));
        Assert.DoesNotContain("Preferred window", cut.Markup);
    }

    [Fact]
    public void Window_is_shown_once_when_visitor_and_agent_share_a_clock()
    {
        var cut = RenderCard(Pending() with { VisitorTimeZone = "Europe/London" });

        Assert.Empty(cut.FindAll("[data-testid=callback-window-visitor]"));
    }

    [Fact]
    public void Note_row_is_absent_when_the_visitor_left_none()
    {
        var cut = RenderCard(Pending(note: null));

        Assert.Empty(cut.FindAll("[data-testid=callback-note]"));
    }

    [Fact]
    public void Mark_resolved_raises_OnResolve()
    {
        var raised = 0;
        var cut = RenderCard(Pending(), () => raised++);

        cut.Find("[data-testid=mark-resolved]").Click();

        Assert.Equal(1, raised);
    }

    [Fact]
    public void Resolved_state_shows_who_and_when_without_the_button()
    {
        var cut = RenderCard(Pending());

        cut.Render(p => p.Add(c => c.Callback, Pending() with
        {
            Status = CallbackStatus.Resolved,
            ResolvedAt = new DateTime(2026, 11, 25, 9, 55, 0, DateTimeKind.Utc),
            ResolvedByName = "Grace Hopper",
        }));

        Assert.Equal("Resolved", cut.Find("[data-status]").TextContent.Trim());
        var resolved = cut.Find("[data-testid=callback-resolved]").TextContent;
        Assert.Contains("Resolved by Grace Hopper", resolved);
        Assert.Contains("25 Nov 2026, 09:55", resolved);
        Assert.Empty(cut.FindAll("[data-testid=mark-resolved]"));
    }

    [Fact]
    public void A_busy_card_disables_its_buttons()
    {
        var cut = Render<CallbackCard>(p => p
            .Add(c => c.Callback, Pending())
            .Add(c => c.Clock, London)
            .Add(c => c.Busy, true));

        Assert.True(cut.Find("[data-testid=mark-resolved]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=im-calling]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Hostile_visitor_text_renders_as_text(string hostile)
    {
        var cut = RenderCard(Pending(note: hostile) with { Name = hostile });

        Assert.Equal(hostile, cut.Find("[data-testid=callback-note]").TextContent.Trim());
        Assert.Equal(hostile, cut.Find("[data-testid=callback-name]").TextContent.Trim());
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror]"));
    }
}
