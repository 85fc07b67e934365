using System.Net;
using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Agents;

public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.9", Office = "198.51.100.7";
    private readonly AppFactory _app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient ClientAt(string address)
    {
        var client = _app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(AppFactory.ClientAddressHeader, address);
        return client;
    }

    [Fact]
    public async Task An_unknown_email_a_disabled_account_and_a_wrong_password_get_the_same_answer()
    {
        await _app.CreateAgentAsync("off@test.local", "Off-Password-1", Roles.Agent, disabled: true);

        string[] pages =
        [
            await (await AppFactory.PostLoginAsync(ClientAt("192.0.2.1"), "nobody@test.local", "Whatever-Pass-1")).Content.ReadAsStringAsync(Ct),
            await (await AppFactory.PostLoginAsync(ClientAt("192.0.2.2"), "off@test.local", "Off-Password-1")).Content.ReadAsStringAsync(Ct),
            await (await AppFactory.PostLoginAsync(ClientAt("192.0.2.3"), AppFactory.AdminEmail, "Wrong-Password-1")).Content.ReadAsStringAsync(Ct),
        ];

        Assert.All(pages, p => Assert.Contains("<div class=\"cs-alert\" role=\"alert\" id=\"login-error\">Email or password is incorrect.</div>", p));
    }

    [Fact]
    public async Task Someone_guessing_from_another_address_cannot_keep_the_admin_out()
    {
        var attacker = ClientAt(Attacker);
        for (var i = 0; i < 30; i++)
        {
            await AppFactory.PostLoginAsync(attacker, AppFactory.AdminEmail, $"guess-{i}");
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AppFactory.PostLoginAsync(attacker, AppFactory.AdminEmail, AppFactory.AdminPassword)).StatusCode);

        var owner = await AppFactory.PostLoginAsync(ClientAt(Office), AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task Many_failures_from_one_address_make_it_wait_whichever_account_it_tries()
    {
        var client = ClientAt(Attacker);
        for (var i = 0; i < 20; i++)
            await AppFactory.PostLoginAsync(client, $"user{i}@test.local", "Wrong-Password-1");

        var response = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many sign-in attempts", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Once_the_wait_is_over_the_right_password_signs_in()
    {
        var client = ClientAt(Office);
        for (var i = 0; i < 5; i++)
            await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, "Wrong-Password-1");
        var waiting = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);

        _app.Clock.Advance(TimeSpan.FromSeconds(int.Parse(waiting.Headers.GetValues("Retry-After").Single())));

        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Each_further_failure_doubles_the_wait_up_to_five_minutes()
    {
        var clock = new FakeTimeProvider(DomainHarness.Start);
        var throttle = new SignInThrottle(clock, new ConfigurationBuilder().Build());
        for (var i = 0; i < 5; i++) await throttle.FailedAsync(Office, "kim@test.local");

        var waits = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var wait = await throttle.RetryAfterAsync(Office, "kim@test.local");
            waits.Add(wait.TotalSeconds);
            clock.Advance(wait);
            await throttle.FailedAsync(Office, "kim@test.local");
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], waits);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync(Office, "someone-else@test.local"));
    }

    [Fact]
    public async Task Addresses_in_one_IPv6_slash_64_count_as_one_client()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider(DomainHarness.Start), new ConfigurationBuilder().Build());
        for (var i = 1; i <= 5; i++) await throttle.FailedAsync($"2001:db8:1:2::{i:x}", "kim@test.local");

        Assert.True(await throttle.RetryAfterAsync("2001:db8:1:2:ffff::9", "kim@test.local") > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, await throttle.RetryAfterAsync("2001:db8:1:3::1", "kim@test.local"));
    }
}
