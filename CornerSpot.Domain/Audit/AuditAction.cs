namespace CornerSpot.Domain.Audit;

/// <summary>What an audit entry records. Stored by name, so keep the names stable.</summary>
public enum AuditAction
{
    SignedIn, SignInFailed, SignedOut,
    PasswordChanged, PasswordReset,
    AgentAdded, RoleChanged, AgentDisabled, AgentEnabled,
    QueueAdded, QueueRenamed, QueueRemoved, CallbackFormChanged, BusinessHoursChanged, AllowedOriginsChanged, QueueCountriesChanged,
    CallbackResolved,
    WebhookAdded, WebhookChanged, WebhookRemoved,
    QueueRetentionChanged, RetentionRun, CustomerErased,
}
