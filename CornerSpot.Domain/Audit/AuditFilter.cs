namespace CornerSpot.Domain.Audit;

/// <summary>What the audit page asks for: an action, an agent or email (any part), a day range (UTC days, inclusive).</summary>
public sealed record AuditFilter(AuditAction? Action = null, string? Who = null, DateOnly? From = null, DateOnly? To = null);
