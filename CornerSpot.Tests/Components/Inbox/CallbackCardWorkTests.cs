using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>The card while a callback is worked: who is calling, attempts, the next try, the outcome, the timeline.</summary>
public sealed class CallbackCardWorkTests : MudTestContext
{
    private const string Me = "agent-me";
    private static readonly DateTime Requested = new(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);

    // The agent works from London; it is 10:00 UTC (05:00 for the visitor in New York, outside call hours).
    private static readonly AgentClock London =
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    // 15:00 UTC: 10:00 in New York, inside call hours.
    private static readonly AgentClock LondonAfternoon = London with { Now = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero) };

    private static CallbackCardView Pending(string zone = "America/New_York") => new(
        Id: Guid.NewGuid(), ConversationId: Guid.NewGuid(), Name: "Ada Lovelace", PhoneE164: "+442079460958",
        PreferredStartUtc: null, PreferredEndUtc: null, VisitorTimeZone: zone, Note: null, RequestedAt: Requested,
        Status: CallbackStatus.Pending, ResolvedAt: null, ResolvedByName: null, CustomerName: "Ada Lovelace");

    private static CallbackCardView ClaimedBy(string id, string name) =>
        Pending() with { ClaimedById = id, ClaimedByName = name, ClaimedAt = Requested.AddMinutes(20) };

    private static CallbackCardView Resolved(CallbackOutcome? outcome) => Pending() with
    {
        Status = CallbackStatus.Resolved, Outcome = outcome, ResolvedByName = "Grace Hopper",
        ResolvedAt = new DateTime(2026, 11, 25, 9, 55, 0, DateTimeKind.Utc),
    };

    private readonly List<string> _raised = [];

    private IRenderedComponent<CallbackCard> RenderCard(CallbackCardView view, AgentClock? clock = null) =>
        Render<CallbackCard>(p => p
            .Add(c => c.Callback, view)
            .Add(c => c.Clock, clock ?? LondonAfternoon)
            .Add(c => c.AgentId, Me)
            .Add(c => c.OnClaim, Raise("claim"))
            .Add(c => c.OnTakeOver, Raise("take over"))
            .Add(c => c.OnRelease, Raise("release"))
            .Add(c => c.OnLogCall, Raise("log call"))
            .Add(c => c.OnResolve, Raise("resolve"))
            .Add(c => c.OnCloseUnreachable, Raise("close unreachable"))
            .Add(c => c.OnReopen, Raise("reopen"))
            .Add(c => c.OnDialLate, Raise("dial late")));

    private Action Raise(string what) => () => _raised.Add(what);

    private static string[] Buttons(IRenderedComponent<CallbackCard> cut) =>
        [.. cut.FindAll("button").Select(b => b.TextContent.Trim()).Where(t => !t.StartsWith("Activity", StringComparison.Ordinal))];

    [Fact]
    public void An_unclaimed_callback_offers_I_m_calling_and_Mark_resolved()
    {
        var cut = RenderCard(Pending());

        Assert.Equal(["I'm calling", "Mark resolved"], Buttons(cut));
        Assert.Contains(cut.FindAll("a"), a => a.TextContent.Trim() == "Call +44 20 7946 0958");
        Assert.Empty(cut.FindAll("[data-testid=claim-status]"));
        cut.Find("[data-testid=im-calling]").Click();
        Assert.Equal(["claim"], _raised);
    }

    [Fact]
    public void My_claim_shows_You_re_calling_with_Log_call_and_Release()
    {
        var cut = RenderCard(ClaimedBy(Me, "Me Myself"));

        Assert.StartsWith("You're calling", cut.Find("[data-testid=claim-status]").TextContent.Trim());
        Assert.Equal(["Log call", "Release", "Mark resolved"], Buttons(cut));
        cut.Find("[data-testid=log-call]").Click();
        cut.Find("[data-testid=release]").Click();
        Assert.Equal(["log call", "release"], _raised);
    }

    [Fact]
    public void Someone_else_s_claim_names_them_and_offers_Take_over()
    {
        var cut = RenderCard(ClaimedBy("agent-bea", "Bea Baker"));

        Assert.StartsWith("Bea Baker is calling", cut.Find("[data-testid=claim-status]").TextContent.Trim());
        Assert.Equal(["Take over", "Mark resolved"], Buttons(cut));
        cut.Find("[data-testid=take-over]").Click();
        Assert.Equal(["take over"], _raised);
    }

    [Fact]
    public void After_an_unanswered_call_shows_the_attempt_and_the_next_try_for_both_clocks()
    {
        var cut = RenderCard(Pending() with { AttemptCount = 1, MaxAttempts = 3, NextTryAt = new DateTime(2026, 11, 25, 17, 0, 0, DateTimeKind.Utc) });

        Assert.Equal("Attempt 1 of 3", cut.Find("[data-testid=callback-attempts]").TextContent.Trim());
        Assert.Contains("Next try Wed 25 Nov, 17:00", cut.Find("[data-testid=callback-next-try]").TextContent);
        Assert.Contains("Wed 25 Nov, 12:00", cut.Find("[data-testid=callback-next-try-visitor]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=close-unreachable]"));
    }

    [Fact]
    public void After_the_last_attempt_offers_Close_as_unreachable()
    {
        var cut = RenderCard(Pending() with { AttemptCount = 3, MaxAttempts = 3 });

        Assert.Equal("Attempt 3 of 3", cut.Find("[data-testid=callback-attempts]").TextContent.Trim());
        cut.Find("[data-testid=close-unreachable]").Click();
        Assert.Equal(["close unreachable"], _raised);
    }

    [Fact]
    public void A_resolved_callback_shows_its_outcome_and_offers_Reopen()
    {
        var cut = RenderCard(Resolved(CallbackOutcome.Unreachable));

        Assert.Equal("Resolved", cut.Find("[data-status]").TextContent.Trim());
        Assert.Equal("Unreachable", cut.Find("[data-testid=callback-outcome]").TextContent.Trim());
        Assert.Contains("Resolved by Grace Hopper", cut.Find("[data-testid=callback-resolved]").TextContent);
        Assert.Equal(["Reopen"], Buttons(cut));
        cut.Find("[data-testid=reopen]").Click();
        Assert.Equal(["reopen"], _raised);
    }

    [Fact]
    public void Mark_resolved_without_a_call_shows_no_outcome()
    {
        var cut = RenderCard(Resolved(outcome: null));

        Assert.Empty(cut.FindAll("[data-testid=callback-outcome]"));
    }

    [Fact]
    public void A_repeat_request_shows_the_count_and_the_last_time()
    {
        var cut = RenderCard(Pending() with { RequestCount = 2, LastRequestedAt = Requested.AddHours(3) });

        var requested = cut.Find("[data-testid=callback-requested]").TextContent;
        Assert.Contains("Requested 25 Nov 2026, 09:30", requested);
        Assert.Contains("Requested 2 times · last 25 Nov 2026, 12:30", cut.Find("[data-testid=callback-repeat]").TextContent);
    }

    [Fact]
    public void A_first_request_shows_no_count()
    {
        var cut = RenderCard(Pending());

        Assert.Empty(cut.FindAll("[data-testid=callback-repeat]"));
    }

    [Fact]
    public void Activity_lists_each_step_with_who_and_when_once_opened()
    {
        var cut = RenderCard(Pending() with
        {
            AttemptCount = 1,
            Activity =
            [
                new(CallbackActivityKind.Requested, null, null, null, Requested),
                new(CallbackActivityKind.Claimed, null, null, "Bea Baker", Requested.AddMinutes(10)),
                new(CallbackActivityKind.Attempted, CallOutcome.NoAnswer, "Rang 8 times <b>no</b> voicemail", "Bea Baker", Requested.AddMinutes(12)),
                new(CallbackActivityKind.TakenOver, null, null, "Me Myself", Requested.AddMinutes(20)),
            ],
        });

        var toggle = cut.Find("[data-testid=activity-toggle]");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        toggle.Click();

        Assert.Equal("true", cut.Find("[data-testid=activity-toggle]").GetAttribute("aria-expanded"));
        var lines = cut.FindAll("[data-testid=activity-line]").Select(l => l.TextContent.Trim()).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Ada Lovelace (visitor) requested a callback", lines[0]);
        Assert.Contains("25 Nov 2026, 09:30", lines[0]);
        Assert.StartsWith("Bea Baker started calling", lines[1]);
        Assert.StartsWith("Bea Baker called · No answer", lines[2]);
        Assert.Contains("25 Nov 2026, 09:42", lines[2]);
        Assert.Contains("Rang 8 times <b>no</b> voicemail", lines[2]);
        Assert.Empty(cut.FindAll("[data-testid=callback-activity] b"));
        Assert.StartsWith("Me Myself took over the call", lines[3]);
    }

    [Fact]
    public void A_resolution_by_a_logged_call_names_the_outcome_in_the_activity()
    {
        var cut = RenderCard(Resolved(CallbackOutcome.Reached) with
        {
            Activity = [new(CallbackActivityKind.Resolved, CallOutcome.Reached, null, "Grace Hopper", Requested.AddMinutes(25))],
        });

        cut.Find("[data-testid=activity-toggle]").Click();

        Assert.StartsWith("Grace Hopper resolved it · Reached", cut.Find("[data-testid=activity-line]").TextContent.Trim());
    }

    [Fact]
    public void Closing_as_unreachable_is_named_in_the_activity()
    {
        var cut = RenderCard(Resolved(CallbackOutcome.Unreachable) with
        {
            Activity = [new(CallbackActivityKind.ClosedUnreachable, null, null, "Grace Hopper", Requested.AddMinutes(25))],
        });

        cut.Find("[data-testid=activity-toggle]").Click();

        Assert.StartsWith("Grace Hopper closed it as unreachable", cut.Find("[data-testid=activity-line]").TextContent.Trim());
    }

    [Fact]
    public void Outside_the_visitor_s_call_hours_the_call_link_warns_and_the_call_button_asks_first()
    {
        var cut = RenderCard(Pending(), clock: London);

        Assert.Equal("It's 05:00 for Ada Lovelace", cut.Find("[data-testid=call-hours-warning]").TextContent.Trim());
        Assert.Contains("05:00, Wed 25 Nov", cut.Find("[data-testid=callback-visitor-time]").TextContent);
        cut.Find("[data-testid=call-late]").Click();
        Assert.Equal(["dial late"], _raised);
    }

    [Fact]
    public void Inside_call_hours_the_visitor_s_time_shows_without_a_warning()
    {
        var cut = RenderCard(Pending());

        Assert.Contains("10:00, Wed 25 Nov", cut.Find("[data-testid=callback-visitor-time]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=call-hours-warning]"));
        Assert.Empty(cut.FindAll("[data-testid=call-late]"));
    }

    [Fact]
    public void Without_a_visitor_zone_there_is_no_visitor_time_and_no_warning()
    {
        var cut = RenderCard(Pending() with { VisitorTimeZone = null }, clock: London);

        Assert.Empty(cut.FindAll("[data-testid=callback-visitor-time]"));
        Assert.Empty(cut.FindAll("[data-testid=call-hours-warning]"));
    }
}
