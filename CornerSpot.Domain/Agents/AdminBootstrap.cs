using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Agents;

/// <summary>Creates the roles and, on a first start with no agents, the first Admin.</summary>
public static class AdminBootstrap
{
    public const string DefaultEmail = "admin@cornerspot.local";
    public const string DefaultPasswordFile = "App_Data/first-admin-password.txt";

    public const string MultiNodeNeedsPassword =
        "No agent exists yet and Bootstrap:AdminPassword is not set. On PostgreSQL (several nodes) the first admin's " +
        "password must be configured: set Bootstrap:AdminEmail and Bootstrap:AdminPassword (Bootstrap__AdminPassword) and start again.";

    /// <summary>Once, however many nodes start at the same moment (see <see cref="DatabaseSetup.RunStartupStepAsync"/>).</summary>
    public static Task EnsureFirstAdminAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.RunStartupStepAsync(() => EnsureAsync(services, ct), ct);

    private static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
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
        // Each node would generate a password of its own and write it to its own disk.
        if (string.IsNullOrEmpty(configured) && DomainServices.ProviderOf(config) == DatabaseProvider.Postgres)
            throw new InvalidOperationException(MultiNodeNeedsPassword);
        var password = string.IsNullOrEmpty(configured) ? AgentDirectory.GeneratePassword() : configured;

        var admin = new Agent
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator",
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            // A generated password has been on disk; one the operator chose in Bootstrap:AdminPassword is theirs.
            MustChangePassword = string.IsNullOrEmpty(configured),
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(
                "Could not create the first admin from Bootstrap:AdminEmail/AdminPassword: "
                + string.Join(" ", created.Errors.Select(x => x.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);

        if (string.IsNullOrEmpty(configured))
        {
            // Never to the log (logs are shipped and kept): to a file only the app's own user can read. The admin
            // must choose a new password at first sign-in, so the file is worthless afterwards.
            var file = PasswordFilePath(sp, config);
            WriteOwnerOnly(file, $"{email}\n{password}\n");
            logger.LogWarning("Created the first admin {Email} with a generated password, written to {PasswordFile} (readable by this user only). " +
                              "Sign in with it and choose your own; then delete the file.", email, file);
        }
        else
            logger.LogInformation("Created the first admin {Email} from the Bootstrap settings.", email);
    }

    private static string PasswordFilePath(IServiceProvider sp, IConfiguration config)
    {
        var path = config["Bootstrap:PasswordFile"] is { Length: > 0 } p ? p : DefaultPasswordFile;
        var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        return Path.GetFullPath(Path.Combine(root, path));
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        // UnixCreateMode applies only to a new file; an old one keeps its mode unless it is set again.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
