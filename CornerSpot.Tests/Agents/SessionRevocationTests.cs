using System.Net;
using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Agents;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CornerSpot.Tests.Agents;

/// <summary>A copied sign-in cookie, and an open console, stop working the moment the session is ended.</summary>
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private const string Email = "kim@test.local", Password = "Kim-Password-1";
    private readonly AppFactory _app = new();
    private string _kim = "";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        _kim = await _app.CreateAgentAsync(Email, Password, Roles.Admin);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private AgentDirectory Directory => _app.Services.GetRequiredService<AgentDirectory>();

    /// <summary>Signs Kim in and returns the browser plus a second client that only replays the copied cookie.</summary>
    private async Task<(HttpClient Browser, HttpClient Thief)> SignInAndCopyCookieAsync()
    {
        var browser = _app.CreateBrowserLikeClient();
        var response = await AppFactory.PostLoginAsync(browser, Email, Password);
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues("Set-Cookie").ToList())
            .Single(c => c.Name == "CornerSpot.Auth");
        var thief = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/dashboard/settings", Ct)).StatusCode);
        return (browser, thief);
    }

    private static async Task AssertSentToSignInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/dashboard/settings", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", AppFactory.RedirectPath(response));
    }

    [Fact]
    public async Task A_copied_cookie_is_sent_to_sign_in_once_the_agent_has_signed_out()
    {
        var (browser, thief) = await SignInAndCopyCookieAsync();
        var page = await browser.GetStringAsync("/dashboard/settings", Ct);

        await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }), Ct);

        await AssertSentToSignInAsync(thief);
    }

    [Fact]
    public async Task A_copied_cookie_is_sent_to_sign_in_once_the_agent_is_disabled()
    {
        var (_, thief) = await SignInAndCopyCookieAsync();

        await Directory.SetDisabledAsync(await _app.PrincipalAsync(), _kim, true, Ct);

        await AssertSentToSignInAsync(thief);
    }

    [Fact]
    public async Task A_copied_cookie_is_sent_to_sign_in_once_the_agents_role_changes()
    {
        var (_, thief) = await SignInAndCopyCookieAsync();

        await Directory.SetRoleAsync(await _app.PrincipalAsync(), _kim, Roles.Lead, Ct);

        await AssertSentToSignInAsync(thief);
    }

    [Fact]
    public async Task A_copied_cookie_is_sent_to_sign_in_once_an_admin_resets_the_password()
    {
        var (_, thief) = await SignInAndCopyCookieAsync();

        await Directory.ResetPasswordAsync(await _app.PrincipalAsync(), _kim, Ct);

        await AssertSentToSignInAsync(thief);
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_agents_other_browser_signed_in()
    {
        var laptop = await _app.SignedInClientAsync(Email, Password);
        var phone = await _app.SignedInClientAsync(Email, Password);
        var page = await laptop.GetStringAsync("/dashboard/settings", Ct);

        await laptop.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }), Ct);

        await AssertSentToSignInAsync(laptop);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/dashboard/settings", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("role")]
    [InlineData("reset")]
    [InlineData("sign-out")]
    public async Task An_open_console_loses_its_user_at_once_not_at_the_next_revalidation(string change)
    {
        var sessions = _app.Services.GetRequiredService<AgentSessions>();
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var session = await sessions.StartAsync(_kim, Ct);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<Agent>>().CreateUserPrincipalAsync((await users.FindByIdAsync(_kim))!);
        principal.AddIdentity(new ClaimsIdentity([new Claim(AgentClaims.SessionClaim, session)]));
        // Revalidation once an hour: only the change notification can sign the console out within this test.
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:RevalidationSeconds"] = "3600" }).Build();
        using var console = new AgentRevalidatingStateProvider(_app.Services.GetRequiredService<ILoggerFactory>(), sessions,
            _app.Services.GetRequiredService<IOptions<IdentityOptions>>(), config);
        console.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        console.WatchSessions();
        var signedOut = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        console.AuthenticationStateChanged += async state => signedOut.TrySetResult((await state).User);

        var admin = await _app.PrincipalAsync();
        switch (change)
        {
            case "disable": await Directory.SetDisabledAsync(admin, _kim, true, Ct); break;
            case "role": await Directory.SetRoleAsync(admin, _kim, Roles.Agent, Ct); break;
            case "reset": await Directory.ResetPasswordAsync(admin, _kim, Ct); break;
            default: await sessions.EndAsync(_kim, session, Ct); break;
        }

        var user = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(user.Identity?.IsAuthenticated);
    }
}
