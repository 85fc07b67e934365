using System.Net;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Agents;

public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "My-Own-Passw0rd!";
    private readonly AppFactory _app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private AgentDirectory Directory => _app.Services.GetRequiredService<AgentDirectory>();

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? returnUrl = null) =>
        AppFactory.PostFormAsync(client, "/account/change-password" + (returnUrl is null ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}"),
            "change-password", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = next,
            });

    [Fact]
    public async Task An_admin_set_password_must_be_changed_before_the_console_opens()
    {
        var created = (AgentChange.Done)await Directory.CreateAsync(await _app.PrincipalAsync(), "new@test.local", "New Agent", Roles.Agent, Ct);
        var client = await _app.SignedInClientAsync("new@test.local", created.TemporaryPassword!);

        var inbox = await client.GetAsync("/dashboard/chat/inbox?status=pending", Ct);
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Equal("/account/change-password?ReturnUrl=%2Fdashboard%2Fchat%2Finbox%3Fstatus%3Dpending", inbox.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, Ct)).StatusCode);

        var changed = await ChangeAsync(client, created.TemporaryPassword!, NewPassword, "/dashboard/chat/inbox?status=pending");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(changed.Headers.Location!.OriginalString.EndsWith("/dashboard/chat/inbox?status=pending", StringComparison.Ordinal), changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/chat/inbox", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_must_be_changed_too()
    {
        var id = await _app.CreateAgentAsync("kim@test.local", "Kim-Password-1", Roles.Agent);
        var reset = (AgentChange.Done)await Directory.ResetPasswordAsync(await _app.PrincipalAsync(), id, Ct);
        var client = await _app.SignedInClientAsync("kim@test.local", reset.TemporaryPassword!);

        var response = await client.GetAsync("/dashboard/chat/inbox", Ct);

        Assert.Equal("/account/change-password", AppFactory.RedirectPath(response));
    }

    [Fact]
    public async Task Changing_the_password_signs_the_agent_out_elsewhere_and_is_audited()
    {
        await _app.CreateAgentAsync("kim@test.local", "Kim-Password-1", Roles.Agent);
        var laptop = await _app.SignedInClientAsync("kim@test.local", "Kim-Password-1");
        var phone = await _app.SignedInClientAsync("kim@test.local", "Kim-Password-1");

        await ChangeAsync(laptop, "Kim-Password-1", NewPassword);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/dashboard/chat/inbox", Ct)).StatusCode);
        Assert.Equal("/account/login", AppFactory.RedirectPath(await phone.GetAsync("/dashboard/chat/inbox", Ct)));
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(_app.CreateBrowserLikeClient(), "kim@test.local", NewPassword)).StatusCode);
        await using var db = _app.Db();
        Assert.Single(await db.AuditEntries.Where(e => e.Action == AuditAction.PasswordChanged && e.Actor == "kim@test.local").ToListAsync(Ct));
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_says_so()
    {
        await _app.CreateAgentAsync("kim@test.local", "Kim-Password-1", Roles.Agent);
        var client = await _app.SignedInClientAsync("kim@test.local", "Kim-Password-1");

        var response = await ChangeAsync(client, "Not-The-Password-1", NewPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The current password is not correct.", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(_app.CreateBrowserLikeClient(), "kim@test.local", "Kim-Password-1")).StatusCode);
    }
}
