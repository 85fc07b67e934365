namespace CornerSpot.Domain.Audit;

public sealed record AuditRow(long Id, DateTime At, AuditAction Action, string Actor, string? ClientAddress, string? Subject, string? Detail);
