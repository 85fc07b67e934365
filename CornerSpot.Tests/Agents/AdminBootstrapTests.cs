using System.Net;
using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Agents;

public sealed class AdminBootstrapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_bootstrap_settings_a_strong_generated_password_goes_to_an_owner_only_file_never_the_log()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "", ["Bootstrap:AdminEmail"] = "" });
        app.StartServer();

        var password = File.ReadAllLines(app.PasswordFile)[1];
        Assert.True(password.Length >= 16);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(app.PasswordFile));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(password));
        Assert.Single(app.Logs.Lines, l => l.Contains(app.PasswordFile));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var admin = await users.FindByEmailAsync(AdminBootstrap.DefaultEmail);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));

        await app.Services.EnsureFirstAdminAsync(Ct);
        Assert.Single(app.Logs.Lines, l => l.Contains(app.PasswordFile));
    }

    [Fact]
    public async Task A_generated_first_admin_password_must_be_changed_before_the_console_opens()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "", ["Bootstrap:AdminEmail"] = "" });
        app.StartServer();
        var client = await app.SignedInClientAsync(AdminBootstrap.DefaultEmail, File.ReadAllLines(app.PasswordFile)[1]);

        var response = await client.GetAsync("/dashboard/settings", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/change-password", AppFactory.RedirectPath(response));
    }

    [Fact]
    public async Task A_password_the_operator_chose_in_Bootstrap_AdminPassword_is_not_forced_to_change()
    {
        await using var app = new AppFactory();
        var client = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/settings", Ct)).StatusCode);
    }
}
