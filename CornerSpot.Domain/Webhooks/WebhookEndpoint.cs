namespace CornerSpot.Domain.Webhooks;

/// <summary>An address an admin asked CornerSpot to post events to.</summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2000;

    public Guid Id { get; set; }
    public required string Url { get; set; }
    public WebhookEventType Events { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>The signing secret (whsec_…), encrypted with ASP.NET Data Protection; shown in clear only once.</summary>
    public required string ProtectedSecret { get; set; }
    public DateTime CreatedAt { get; set; }
}
