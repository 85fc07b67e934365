using System.Net;
using System.Text.Json.Nodes;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Health;
using Microsoft.Data.Sqlite;

namespace CornerSpot.Tests.Health;

public sealed class HealthEndpointTests : AppTest
{
    private async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path, Ct);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject());
    }

    [Fact]
    public async Task Ready_answers_200_with_the_status_of_the_database_and_nothing_more()
    {
        var (status, body) = await GetAsync(HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy"}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Live_answers_200_anonymously()
    {
        var (status, body) = await GetAsync(HealthEndpoints.LivePath);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
    }

    [Fact]
    public async Task Without_its_database_the_app_is_live_but_not_ready()
    {
        await GetAsync(HealthEndpoints.ReadyPath);
        var file = new SqliteConnectionStringBuilder(App.ConnectionString).DataSource;
        // The database file gone, and a folder in its place so that nothing can quietly create an empty one.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        Directory.CreateDirectory(file);
        try
        {
            var ready = await GetAsync(HealthEndpoints.ReadyPath);
            var live = await GetAsync(HealthEndpoints.LivePath);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Unhealthy"}}""", ready.Body.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, live.Status);
        }
        finally
        {
            Directory.Delete(file);
        }
    }
}
