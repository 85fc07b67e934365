using System.Net;
using System.Text.RegularExpressions;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CornerSpot.Tests.Support;

/// <summary>The whole app in-process on its own database (SQLite unless a test asks for PostgreSQL), with a
/// controllable clock and a known first admin.</summary>
/// <param name="database">Another app's <see cref="Database"/>, to run as a second node on it; null for a fresh one.</param>
public partial class AppFactory(
    IReadOnlyDictionary<string, string?>? settings = null, DatabaseProvider provider = DatabaseProvider.Sqlite, TestDatabase? database = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Test-Admin-Pass-1";

    private readonly bool _ownsDatabase = database is null;

    /// <summary>The database this app uses: a second app given it is a second node of the same installation.</summary>
    public TestDatabase Database { get; } = database ?? TestDatabase.Create(provider);

    public FakeTimeProvider Clock { get; } = new(DomainHarness.Start);

    /// <summary>Every log line the app writes, for asserting what must never be logged.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Bootstrap:PasswordFile", PasswordFile);
        // Tests talk plain HTTP to an app in a non-Development environment; the HTTPS tests turn this off.
        builder.UseSetting("Security:AllowHttp", "true");
        // Most suites post many requests from one client; the rate-limit tests set their own limit.
        builder.UseSetting("Widget:RateLimit:PermitLimit", "100000");
        builder.UseSetting("Widget:RateLimit:QueuePermitLimit", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddTransient<IStartupFilter, ClientAddressFromTestHeader>();
        });
    }

    public string ConnectionString => Database.ConnectionString;

    /// <summary>Where a generated first-admin password is written.</summary>
    public string PasswordFile => Database.PathPrefix + ".first-admin-password.txt";

    /// <summary>Requests carrying this header come from that address (the in-memory test server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[ClientAddressHeader] is [{ } address])
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Serves the app on a real loopback socket; returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    public CornerSpotDb Db() => Services.GetRequiredService<IDbContextFactory<CornerSpotDb>>().CreateDbContext();

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<string> CreateAgentAsync(string email, string password, string role, bool disabled = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var agent = new Agent { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], IsDisabled = disabled };
        var created = await users.CreateAsync(agent, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(agent, role);
        return agent.Id;
    }

    /// <summary>The principal a fresh sign-in of that agent would carry (claims only; no session).</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string email = AdminEmail)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        return await scope.ServiceProvider.GetRequiredService<SignInManager<Agent>>().CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>Posts the sign-in form as a browser would; returns the response to the POST.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var url = "/account/login" + (returnUrl is null ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var form = await client.GetStringAsync(url, ct);
        var token = AntiforgeryToken(form);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), ct);
    }

    public async Task<HttpClient> SignedInClientAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateBrowserLikeClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>The path a redirect sends the browser to, whether the Location is absolute or relative.</summary>
    public static string RedirectPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}")).AbsolutePath;

    /// <summary>Posts a static server-rendered form (antiforgery token from the page at <paramref name="url"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync(url, ct);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page), ["_handler"] = formName };
        return await client.PostAsync(url, new FormUrlEncodedContent(form), ct);
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) Database.Dispose();
        File.Delete(PasswordFile);
        GC.SuppressFinalize(this);
    }
}
