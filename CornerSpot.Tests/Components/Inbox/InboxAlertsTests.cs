using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class InboxAlertsTests : MudTestContext
{
    private readonly FakeTimeProvider _clock = new(DomainHarness.Start);
    private readonly BunitJSModuleInterop _module;

    public InboxAlertsTests()
    {
        Services.AddSingleton<TimeProvider>(_clock);
        _module = JSInterop.SetupModule("./Components/Inbox/InboxAlerts.razor.js");
        _module.Setup<InboxAlerts.AlertPrefs?>("prefs").SetResult(new InboxAlerts.AlertPrefs(Sound: true, Desktop: false, Remind: true));
        RenderInteractively();
    }

    private static ConversationRow Callback(DateTime requestedAt, string? caller = null) =>
        new(Guid.NewGuid(), "Grace Hopper", "Call me", "General", ConversationStatus.Pending, requestedAt, CallbackStatus.Pending, requestedAt, caller);

    private int Reminders => _module.Invocations.Count(i => i.Identifier == "remind");

    [Fact]
    public void The_reminder_repeats_every_30_seconds_while_a_new_callback_is_unclaimed_and_stops_once_claimed()
    {
        var row = Callback(_clock.GetUtcNow().UtcDateTime);
        var cut = Render<InboxAlerts>(p => p.Add(c => c.Rows, [row]));
        cut.WaitForAssertion(() => Assert.Contains(_module.Invocations, i => i.Identifier == "prefs"));

        _clock.Advance(TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(() => Assert.Equal(1, Reminders));
        _clock.Advance(TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(() => Assert.Equal(2, Reminders));

        cut.Render(p => p.Add(c => c.Rows, [row with { CallingAgentName = "Ada Agent" }]));
        _clock.Advance(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(2, Reminders);
    }

    [Fact]
    public void A_callback_older_than_an_hour_does_not_remind()
    {
        var cut = Render<InboxAlerts>(p => p.Add(c => c.Rows, [Callback(_clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(61))]));
        cut.WaitForAssertion(() => Assert.Contains(_module.Invocations, i => i.Identifier == "prefs"));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(0, Reminders);
    }
}
