using System.Net;
using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Agents;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Agents;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IEnumerable<string> DashboardRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("/dashboard", StringComparison.Ordinal))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, "{[^}]+}", Guid.NewGuid().ToString()))
            .Distinct();

    [Fact]
    public async Task Every_dashboard_route_sends_an_anonymous_visitor_to_sign_in_and_back()
    {
        var client = _app.CreateBrowserLikeClient();
        var routes = DashboardRoutes().ToList();
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            var response = await client.GetAsync(route, Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode}");
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
            Assert.Contains($"ReturnUrl={Uri.EscapeDataString(route)}", response.Headers.Location!.Query);
        }
    }

    [Fact]
    public async Task The_circuit_hub_refuses_anonymous_connections()
    {
        var anonymous = await _app.CreateBrowserLikeClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct);
        var signedIn = await (await _app.SignedInClientAsync()).PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct);

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_the_agent_to_the_page_they_asked_for()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword, "/dashboard/settings/agents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/settings/agents", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        var page = await client.GetStringAsync("/dashboard/settings/agents", Ct);
        Assert.Contains(AppFactory.AdminEmail, page);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_signs_nobody_in()
    {
        var client = _app.CreateBrowserLikeClient();

        var response = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AgentSignIn.FailureMessage, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard/settings/agents", Ct)).StatusCode);
    }

    [Fact]
    public async Task After_five_wrong_passwords_that_client_must_wait_even_for_the_right_password()
    {
        await _app.CreateAgentAsync("kim@test.local", "Kim-Password-1", Roles.Agent);
        var client = _app.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
            await AppFactory.PostLoginAsync(client, "kim@test.local", "wrong-password");

        var response = await AppFactory.PostLoginAsync(client, "kim@test.local", "Kim-Password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Contains("Too many sign-in attempts. Wait", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard/chat/inbox", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_agent_cannot_sign_in()
    {
        await _app.CreateAgentAsync("off@test.local", "Off-Password-1", Roles.Agent, disabled: true);

        var response = await AppFactory.PostLoginAsync(_app.CreateBrowserLikeClient(), "off@test.local", "Off-Password-1");

        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(AgentSignIn.FailureMessage, page);
        Assert.DoesNotContain("account is disabled", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_agent_is_turned_away_from_admin_pages()
    {
        await _app.CreateAgentAsync("agent@test.local", "Agent-Password-1", Roles.Agent);
        var client = await _app.SignedInClientAsync("agent@test.local", "Agent-Password-1");

        var response = await client.GetAsync("/dashboard/settings/agents", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_agent_directory_refuses_a_non_admin_even_without_the_page()
    {
        var directory = _app.Services.GetRequiredService<AgentDirectory>();
        var lead = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ClaimTypes.Role, Roles.Lead)], "test"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => directory.ListAsync(lead, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => directory.CreateAsync(lead, "x@test.local", "X", Roles.Admin, Ct));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await _app.SignedInClientAsync();
        var page = await client.GetStringAsync("/dashboard/settings/agents", Ct);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }), Ct);

        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard/settings/agents", Ct)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        var client = await _app.SignedInClientAsync();

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/settings/agents", Ct)).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_agent_invalidates_their_open_sessions()
    {
        var id = await _app.CreateAgentAsync("bo@test.local", "Bo-Password-12", Roles.Agent);
        var client = await _app.SignedInClientAsync("bo@test.local", "Bo-Password-12");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/chat/inbox", Ct)).StatusCode);

        await _app.Services.GetRequiredService<AgentDirectory>().SetDisabledAsync(await _app.PrincipalAsync(), id, true, Ct);

        var response = await client.GetAsync("/dashboard/chat/inbox", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    public void Sign_in_never_redirects_off_site(string returnUrl) =>
        Assert.Equal("/dashboard/chat/inbox", AgentIdentity.SafeReturnUrl(returnUrl));
}
