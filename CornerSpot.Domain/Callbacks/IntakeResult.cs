namespace CornerSpot.Domain.Callbacks;

/// <summary>What became of a callback submission.</summary>
public abstract record IntakeResult
{
    /// <param name="Replayed">The Idempotency-Key had been stored before: this is the first answer again.</param>
    /// <param name="StatusToken">The visitor's status-link token (for a replay, the one the first answer gave).</param>
    public sealed record Accepted(CallbackReceipt Receipt, bool Replayed, string? StatusToken = null) : IntakeResult;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : IntakeResult;
    /// <summary>The Idempotency-Key was already used for a different submission.</summary>
    public sealed record KeyReused : IntakeResult;
    public sealed record CallbacksDisabled(string QueueName) : IntakeResult;
    /// <summary>The chat to attach to does not exist, or the visitor token does not open it (the caller cannot tell which).</summary>
    public sealed record ConversationNotFound : IntakeResult;
}
