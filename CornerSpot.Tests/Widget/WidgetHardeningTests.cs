using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CornerSpot.Tests.Widget;

public sealed class WidgetHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Submission(int i) => new { name = $"Visitor {i}", phone = $"+44 20 7946 {i:0000}" };

    [Fact]
    public async Task Too_many_submissions_from_one_client_get_429_with_retry_after_while_another_client_is_served()
    {
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Widget:RateLimit:PermitLimit"] = "3",
            ["ReverseProxy:KnownProxies:0"] = "127.0.0.1",
        });
        using var http = new HttpClient { BaseAddress = app.StartKestrel() };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/widget/callbacks", Submission(i), Ct)).StatusCode);

        var limited = await http.PostAsJsonAsync("/api/widget/callbacks", Submission(3), Ct);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks") { Content = JsonContent.Create(Submission(4)) };
        other.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var otherClient = await http.SendAsync(other, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again", (await limited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, otherClient.StatusCode);
        await using var db = app.Db();
        Assert.Equal(4, db.CallbackRequests.Count());
    }

    [Fact]
    public async Task Availability_checks_are_limited_too_without_using_up_submissions()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "2" });
        var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/widget/availability", Ct)).StatusCode);

        var limited = await client.GetAsync("/api/widget/availability", Ct);
        var submission = await client.PostAsJsonAsync("/api/widget/callbacks", Submission(1), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.Created, submission.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_proxy_do_not_escape_the_limit()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:RateLimit:PermitLimit"] = "1" });
        using var http = new HttpClient { BaseAddress = app.StartKestrel() };
        await http.PostAsJsonAsync("/api/widget/callbacks", Submission(1), Ct);

        using var spoofed = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks") { Content = JsonContent.Create(Submission(2)) };
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.9");
        var response = await http.SendAsync(spoofed, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Theory]
    [InlineData("https://shop.example.com", true)]
    [InlineData("https://evil.example", false)]
    public async Task Cors_preflight_is_answered_only_for_allowed_origins(string origin, bool allowed)
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Widget:AllowedOrigins:0"] = "https://shop.example.com" });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/widget/callbacks");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,idempotency-key");

        var response = await app.CreateClient().SendAsync(preflight, Ct);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task By_default_any_site_may_post_to_the_widget_api_but_without_credentials()
    {
        await using var app = new AppFactory();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks") { Content = JsonContent.Create(Submission(1)) };
        request.Headers.Add("Origin", "https://any-shop.example");

        var response = await app.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Origins_saved_in_settings_take_effect_without_a_restart()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();
        Assert.Null(await app.Services.GetRequiredService<WidgetSettingsStore>()
            .SaveAllowedOriginsAsync(await app.PrincipalAsync(), "https://saved.example", Ct));

        async Task<string?> AllowedFor(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/widget/callbacks");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            var response = await client.SendAsync(preflight, Ct);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var v) ? v.Single() : null;
        }

        Assert.Equal("https://saved.example", await AllowedFor("https://saved.example"));
        Assert.Null(await AllowedFor("https://other.example"));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task The_console_is_not_cross_origin(string path)
    {
        await using var app = new AppFactory();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(preflight, Ct);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Console_pages_carry_security_headers()
    {
        await using var app = new AppFactory();

        var response = await app.CreateClient().GetAsync("/account/login", Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_unknown_api_path_answers_a_problem_not_a_page()
    {
        await using var app = new AppFactory();

        var response = await app.CreateClient().GetAsync("/api/widget/nothing-here", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Visitor_names_and_phone_numbers_never_reach_the_logs()
    {
        await using var app = new AppFactory();
        var client = app.CreateClient();
        const string canaryName = "Canary Zqxwvy";
        const string canaryPhone = "+44 20 7946 0123";

        await client.PostAsJsonAsync("/api/widget/callbacks", new { name = canaryName, phone = canaryPhone, note = "canary-note-8841" }, Ct);
        await client.PostAsJsonAsync("/api/widget/callbacks", new { name = canaryName, phone = "555-CANARY", email = "canary@bad" }, Ct);
        await client.PostAsJsonAsync("/api/widget/callbacks", new { name = canaryName + "\u0007", phone = canaryPhone }, Ct);

        var logs = app.Logs.All;
        Assert.Contains("invalid fields: phone, email", logs);
        Assert.DoesNotContain("Zqxwvy", logs);
        Assert.DoesNotContain("7946", logs);
        Assert.DoesNotContain("CANARY", logs);
        Assert.DoesNotContain("canary", logs, StringComparison.OrdinalIgnoreCase);
    }
}
