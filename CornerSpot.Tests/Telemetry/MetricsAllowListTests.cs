using System.Net;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Telemetry;

namespace CornerSpot.Tests.Telemetry;

/// <summary><c>Metrics:AllowedAddresses</c> replaces the loopback default: networks and single addresses.</summary>
[Collection(nameof(ProcessWideMeters))]
public sealed class MetricsAllowListTests() : AppTest(new Dictionary<string, string?>
{
    ["Metrics:Prometheus"] = "true",
    ["Metrics:AllowedAddresses:0"] = "10.0.0.0/8",
    ["Metrics:AllowedAddresses:1"] = "192.0.2.10",
})
{
    [Theory]
    [InlineData("10.20.30.40", HttpStatusCode.OK)]
    [InlineData("192.0.2.10", HttpStatusCode.OK)]
    [InlineData("192.0.2.11", HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", HttpStatusCode.NotFound)]
    public async Task Only_the_configured_addresses_may_scrape(string address, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Observability.MetricsPath);
        request.Headers.Add(AppFactory.ClientAddressHeader, address);

        using var response = await Client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }
}
