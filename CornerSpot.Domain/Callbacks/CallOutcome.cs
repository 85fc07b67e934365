namespace CornerSpot.Domain.Callbacks;

/// <summary>How a logged call went. Reached and Wrong number end the callback; the others are attempts to try again.</summary>
public enum CallOutcome { Reached = 0, NoAnswer = 1, LeftVoicemail = 2, Busy = 3, WrongNumber = 4 }

public static class CallOutcomes
{
    public static readonly CallOutcome[] All =
        [CallOutcome.Reached, CallOutcome.NoAnswer, CallOutcome.LeftVoicemail, CallOutcome.Busy, CallOutcome.WrongNumber];

    /// <summary>Whether this outcome resolves the callback (otherwise it is an unanswered attempt).</summary>
    public static bool Ends(this CallOutcome outcome) => outcome is CallOutcome.Reached or CallOutcome.WrongNumber;

    public static string Label(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "Reached",
        CallOutcome.NoAnswer => "No answer",
        CallOutcome.LeftVoicemail => "Left voicemail",
        CallOutcome.Busy => "Busy",
        CallOutcome.WrongNumber => "Wrong number",
        _ => outcome.ToString(),
    };
}
