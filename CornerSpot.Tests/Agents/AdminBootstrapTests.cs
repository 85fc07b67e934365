using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Agents;

public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task Without_bootstrap_settings_a_strong_generated_password_is_logged_once_and_works()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "", ["Bootstrap:AdminEmail"] = "" });
        app.StartServer();

        var line = Assert.Single(app.Logs.Lines, l => l.Contains("generated password"));
        var password = line.Split("generated password ")[1].Split(' ')[0];
        Assert.True(password.Length >= 16);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var admin = await users.FindByEmailAsync(AdminBootstrap.DefaultEmail);
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));

        await app.Services.EnsureFirstAdminAsync(TestContext.Current.CancellationToken);
        Assert.Single(app.Logs.Lines, l => l.Contains("generated password"));
    }
}
