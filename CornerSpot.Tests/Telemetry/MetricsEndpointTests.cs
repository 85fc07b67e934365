using System.Net;
using System.Net.Http.Json;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Telemetry;

namespace CornerSpot.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint with its default allow list (loopback only).</summary>
[Collection(nameof(ProcessWideMeters))]
public sealed class MetricsEndpointTests() : AppTest(new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" })
{
    private Task<HttpResponseMessage> ScrapeFromAsync(string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Observability.MetricsPath);
        request.Headers.Add(AppFactory.ClientAddressHeader, address);
        return Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_scrape_from_loopback_shows_the_callback_just_received()
    {
        await Client.PostAsJsonAsync("/api/widget/callbacks", Submissions.Minimal, Ct);

        using var response = await ScrapeFromAsync("127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("""cornerspot_callbacks_received_total{otel_scope_name="CornerSpot",queue="general",repeat="false"} 1""", text);
        Assert.Contains("""cornerspot_callbacks_pending{otel_scope_name="CornerSpot",queue="general"} 1""", text);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.0.0.7")]
    [InlineData("2001:db8::1")]
    public async Task A_scrape_from_another_address_finds_nothing(string address)
    {
        using var response = await ScrapeFromAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("cornerspot_", await response.Content.ReadAsStringAsync(Ct));
    }
}
