using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Domain.Inbox;

/// <summary>"Remind me until someone calls": the alert sound repeats every <see cref="Interval"/> while a callback that arrived
/// within <see cref="Window"/> is in the agent's view with nobody calling.</summary>
public static class CallbackReminder
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static bool IsWaiting(IEnumerable<ConversationRow> rows, DateTime nowUtc) =>
        rows.Any(r => r.Callback == CallbackStatus.Pending && r.CallbackRequestedAt >= nowUtc - Window && r.CallingAgentName is null);
}
