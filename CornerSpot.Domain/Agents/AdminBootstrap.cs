using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Agents;

/// <summary>Creates the roles and, on a first start with no agents, the first Admin.</summary>
public static class AdminBootstrap
{
    public const string DefaultEmail = "admin@cornerspot.local";

    public static async Task EnsureFirstAdminAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));

        var users = sp.GetRequiredService<UserManager<Agent>>();
        if (users.Users.Any()) return;

        var config = sp.GetRequiredService<IConfiguration>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminBootstrap));
        var email = config["Bootstrap:AdminEmail"] is { Length: > 0 } e ? e : DefaultEmail;
        var configured = config["Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? AgentDirectory.GeneratePassword() : configured;

        var admin = new Agent
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator",
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(
                "Could not create the first admin from Bootstrap:AdminEmail/AdminPassword: "
                + string.Join(" ", created.Errors.Select(x => x.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);

        if (string.IsNullOrEmpty(configured))
            // Written once, on the only start that creates it; the admin should change it after signing in.
            logger.LogWarning("Created the first admin {Email} with the generated password {Password} . Sign in and reset it from Settings > Agents.", email, password);
        else
            logger.LogInformation("Created the first admin {Email} from the Bootstrap settings.", email);
    }
}
