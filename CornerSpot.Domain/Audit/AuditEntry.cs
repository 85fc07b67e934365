namespace CornerSpot.Domain.Audit;

/// <summary>
/// One line of the append-only audit trail: who, when, from where, what. Never a password, never what a visitor
/// typed (a callback is named by its id). Nothing in the code updates or deletes these rows.
/// </summary>
public sealed class AuditEntry
{
    public const int TextLength = 256;

    public long Id { get; init; }
    public DateTime At { get; init; }
    public AuditAction Action { get; init; }
    /// <summary>The agent's id; null for a failed sign-in or an action without a signed-in agent.</summary>
    public string? ActorId { get; init; }
    /// <summary>The agent's email (for a failed sign-in: the email that was tried).</summary>
    public string Actor { get; init; } = "";
    public string? ClientAddress { get; init; }
    /// <summary>What was acted on: an agent's email, a queue's name, a callback request's id.</summary>
    public string? Subject { get; init; }
    public string? Detail { get; init; }
}
