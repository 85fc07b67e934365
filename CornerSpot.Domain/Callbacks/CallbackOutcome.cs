namespace CornerSpot.Domain.Callbacks;

/// <summary>Why a callback was resolved; none when an agent clicked "Mark resolved".</summary>
public enum CallbackOutcome { Reached = 0, WrongNumber = 1, Unreachable = 2, CancelledByVisitor = 3 }

public static class CallbackOutcomes
{
    public static string Label(this CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Reached => "Reached",
        CallbackOutcome.WrongNumber => "Wrong number",
        CallbackOutcome.Unreachable => "Unreachable",
        CallbackOutcome.CancelledByVisitor => "Cancelled by visitor",
        _ => outcome.ToString(),
    };
}
