namespace CornerSpot.Domain.Callbacks;

/// <summary>What became of a callback submission.</summary>
public abstract record IntakeResult
{
    /// <param name="Replayed">The Idempotency-Key had been stored before: this is the first answer again.</param>
    public sealed record Accepted(CallbackReceipt Receipt, bool Replayed) : IntakeResult;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : IntakeResult;
    /// <summary>The Idempotency-Key was already used for a different submission.</summary>
    public sealed record KeyReused : IntakeResult;
    public sealed record CallbacksDisabled(string QueueName) : IntakeResult;
}
