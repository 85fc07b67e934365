namespace CornerSpot.Domain.Callbacks;

/// <summary>The first answer given for an Idempotency-Key, replayed for every retry with the same body.</summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 200;

    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public Guid CallbackRequestId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The visitor's status-link token, encrypted with the app's data-protection keys, so a replay answers with
    /// the same link. Links themselves are stored only as hashes; this copy goes when the record expires.</summary>
    public string? ProtectedStatusToken { get; set; }
}
