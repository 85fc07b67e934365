using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CornerSpot.Domain.Webhooks;
using StandardWebhooks;

namespace CornerSpot.Web.Webhooks;

/// <summary>Sends one attempt of a message, signed as the Standard Webhooks specification says.</summary>
public sealed class WebhookSender(IHttpClientFactory http, WebhookEndpoints endpoints, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    /// <summary>Never throws for anything the target does; only for <paramref name="ct"/> (the app stopping).</summary>
    public async Task<WebhookSendResult> SendAsync(WebhookClaim claim, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        try
        {
            var timestamp = clock.GetUtcNow();
            var signature = new StandardWebhook(endpoints.Unprotect(claim.ProtectedSecret)).Sign(claim.WebhookId, timestamp, claim.Payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, claim.Url)
            {
                Content = new StringContent(claim.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", claim.WebhookId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signature);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CornerSpot-Webhooks", "1"));
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(status, clock.GetElapsedTime(started), response.IsSuccessStatusCode ? null : Explain(response, request.RequestUri!));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new WebhookSendResult(null, clock.GetElapsedTime(started), Explain(ex));
        }
    }

    private static string Explain(HttpResponseMessage response, Uri sent) => (int)response.StatusCode is >= 300 and < 400
        ? response.Headers.Location is { } to
            ? $"Redirects are not followed (to {new Uri(sent, to).GetLeftPart(UriPartial.Path)})."
            : "Redirects are not followed."
        : $"The endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.";

    private static string Explain(Exception ex) => ex switch
    {
        TaskCanceledException { InnerException: TimeoutException } => "No answer within the timeout.",
        HttpRequestException { Message: { } m } when m.StartsWith("Refused", StringComparison.Ordinal) => m,
        HttpRequestException h => $"Could not connect: {h.HttpRequestError}.",
        _ => ex.GetType().Name,
    };
}
