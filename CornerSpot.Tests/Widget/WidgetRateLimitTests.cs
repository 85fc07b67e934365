using CornerSpot.Web.Widget;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Widget;

/// <summary>What a client controls (queue names, bodies, many addresses) cannot buy it more requests or more server memory.</summary>
public sealed class WidgetRateLimitTests
{
    private const string Url = "/api/widget/callbacks";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Submission(int i, string? queue = null) => new { name = $"Visitor {i}", phone = $"+44 20 7946 {i % 10000:0000}", queue };

    private static HttpRequestMessage From(string address, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    [Fact]
    public async Task Made_up_queue_names_from_one_client_do_not_escape_its_limit()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "5" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 25; i++)
            statuses.Add((await client.PostAsJsonAsync(Url, Submission(i, $"q{i}"), Ct)).StatusCode);

        Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task A_client_over_its_limit_is_refused_before_its_body_is_read()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "1" });
        var client = app.CreateClient();
        await client.PostAsJsonAsync(Url, Submission(1), Ct);

        var response = await client.PostAsync(Url, new StringContent("{ not json", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Twenty_thousand_requests_with_random_queue_names_keep_the_limiter_small()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "10" });
        var client = app.CreateClient();
        var limiter = app.Services.GetRequiredService<WidgetRateLimiter>();
        var before = limiter.PartitionsCreated;

        var answered = 0;
        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
        {
            var queue = Guid.NewGuid().ToString("N")[..12];
            using var response = i % 2 == 0
                ? await client.PostAsJsonAsync(Url, Submission(i, queue), ct)
                : await client.GetAsync($"/api/widget/availability?queue={queue}", ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) Interlocked.Increment(ref answered);
        });

        // One client: one partition for its submissions and one for its availability checks, whatever the queue names.
        Assert.InRange(limiter.PartitionsCreated - before, 1, 4);
        Assert.Equal(20, answered);
    }

    [Fact]
    public async Task Many_addresses_together_cannot_flood_one_queue()
    {
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Widget:RateLimit:QueuePermitLimit"] = "3",
            ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        });
        using var http = new HttpClient { BaseAddress = app.StartKestrel() };
        await using (var db = app.Db())
        {
            db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = "Sales", Slug = "sales", CreatedAt = DomainHarness.Start.UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
            statuses.Add((await http.SendAsync(From($"203.0.113.{i}", Submission(i, "general")), Ct)).StatusCode);
        var otherQueue = await http.SendAsync(From("203.0.113.99", Submission(99, "sales")), Ct);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, otherQueue.StatusCode);
        await using var check = app.Db();
        Assert.Equal(4, check.CallbackRequests.Count());
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_share_a_limit_and_the_next_64_has_its_own()
    {
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Widget:RateLimit:PermitLimit"] = "1",
            ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        });
        using var http = new HttpClient { BaseAddress = app.StartKestrel() };

        var first = await http.SendAsync(From("2001:db8:1:2::1", Submission(1)), Ct);
        var sameNetwork = await http.SendAsync(From("2001:db8:1:2:ffff:ffff:ffff:fffe", Submission(2)), Ct);
        var nextNetwork = await http.SendAsync(From("2001:db8:1:3::1", Submission(3)), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.Created, nextNetwork.StatusCode);
    }

    [Fact]
    public async Task A_queue_limited_answer_says_when_to_try_again()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:QueuePermitLimit"] = "1" });
        var client = app.CreateClient();
        await client.PostAsJsonAsync(Url, Submission(1), Ct);

        var response = await client.PostAsJsonAsync(Url, Submission(2), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
    }
}
