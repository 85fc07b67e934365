using System.Net;
using System.Net.Sockets;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Health;

namespace CornerSpot.Tests.Health;

/// <summary>With <c>Redis:Configuration</c> set, readiness includes Redis.</summary>
public sealed class RedisHealthTests() : AppTest(new Dictionary<string, string?>
{
    ["Redis:Configuration"] = $"127.0.0.1:{ClosedPort()},connectTimeout=1000,abortConnect=false",
})
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Ready_answers_503_when_Redis_does_not_answer_and_says_only_which_check_failed()
    {
        using var response = await Client.GetAsync(HealthEndpoints.ReadyPath, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Healthy","redis":"Unhealthy"}}""", body);
    }
}
