using System.Text.Encodings.Web;
using System.Text.Json;

namespace CornerSpot.Domain.Webhooks;

/// <summary>The Standard Webhooks body: <c>{"type":"callback.requested","timestamp":"…","data":{…}}</c>.</summary>
public sealed record WebhookPayload(string Type, DateTime Timestamp, object Data)
{
    /// <summary>camelCase; "+44…" and non-Latin names as they are (the body is JSON for a machine, never markup).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
