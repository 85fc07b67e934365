namespace CornerSpot.Domain.Webhooks;

/// <summary>The <c>data</c> of every callback.* event: what a CRM needs to file or update the lead.</summary>
public sealed record CallbackEventData(
    Guid CallbackId,
    Guid ConversationId,
    Guid CustomerId,
    CallbackEventData.QueueRef Queue,
    CallbackEventData.CustomerRef Customer,
    CallbackEventData.Window? PreferredWindow,
    string? Note,
    string? PageUrl,
    string Status,
    string? Outcome,
    string? CallOutcome,
    string? AgentName,
    string? AgentNote,
    int AttemptCount,
    int RequestCount,
    DateTime RequestedAt,
    DateTime? ResolvedAt,
    string? ConsoleUrl)
{
    public sealed record QueueRef(Guid Id, string Slug, string Name);
    public sealed record CustomerRef(string Name, string PhoneE164, string? Email, string? TimeZone);
    public sealed record Window(DateTime Start, DateTime End);
}
