using System.Text.Json;

namespace CornerSpot.Domain.Webhooks;

/// <summary>The Standard Webhooks body: <c>{"type":"callback.requested","timestamp":"…","data":{…}}</c>.</summary>
public sealed record WebhookPayload(string Type, DateTime Timestamp, object Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
