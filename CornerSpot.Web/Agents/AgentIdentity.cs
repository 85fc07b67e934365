using System.Security.Claims;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CornerSpot.Web.Agents;

public static class AgentIdentity
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string ChangePasswordPath = "/account/change-password";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string LeadPolicy = "Lead";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddAgentIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<Agent, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                // Sign-in is slowed by SignInThrottle instead: a hard lockout lets anyone who knows an email
                // keep its owner out.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<CornerSpotDb>()
            .AddSignInManager<AgentSignInManager>()
            .AddClaimsPrincipalFactory<AgentClaimsFactory>()
            .AddDefaultTokenProviders();

        // One key ring in the database for every node and restart; the fixed name lets any build or content
        // root read cookies that another wrote.
        services.AddDataProtection().SetApplicationName("CornerSpot").PersistKeysToDbContext<CornerSpotDb>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "CornerSpot.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Instead of Identity's stamp check every few minutes: the session row and stamp on every request.
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(LeadPolicy, p => p.RequireRole(Roles.Lead, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AgentRevalidatingStateProvider>();
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, AgentCircuitHandler>());
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AgentSignIn>();
        return services;
    }

    /// <summary>After authentication: notes the client address for the audit trail, and keeps an agent with a
    /// generated or admin-set password on the change-password page until they have chosen their own.</summary>
    public static IApplicationBuilder UseAgentAccount(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        AuditOrigin.ClientAddress = ClientAddress(context);
        var path = context.Request.Path;
        if (context.User.MustChangePassword() && (path == "/" || path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/_blazor")))
        {
            if (path.StartsWithSegments("/_blazor"))
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            else
                context.Response.Redirect($"{ChangePasswordPath}?ReturnUrl={Uri.EscapeDataString(path + context.Request.QueryString)}");
            return;
        }
        await next(context);
    });

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<Agent> signIn, AuditLog audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out needs a fresh page", detail: "Reload the page and try again.");
            if (context.User.AgentId() is { } id)
                await audit.RecordAsync(AuditAction.SignedOut, id, context.User.FindFirstValue(ClaimTypes.Email) ?? context.User.Identity?.Name ?? "", ct: context.RequestAborted);
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });
        return app;
    }

    /// <summary>Only paths on this site: an open redirect would let a phishing link borrow our login page. Browsers
    /// drop tabs and newlines and read a backslash as a slash, so "/\t/evil" and "/\\evil" mean "//evil".</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? url
            : InboxFilter.Path;

    /// <summary>The client's address as this app sees it (X-Forwarded-For only from ReverseProxy:KnownProxies).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is { } principal && await AgentRevalidatingStateProvider.IsStillValidAsync(
                services.GetRequiredService<AgentSessions>(), principal,
                services.GetRequiredService<IOptions<IdentityOptions>>().Value, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>Refuses sign-in to disabled agents, whatever their password, and gives every sign-in its own
/// server-side session, which signing out ends.</summary>
public sealed class AgentSignInManager(
    UserManager<Agent> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<Agent> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Agent>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Agent> confirmation, AgentSessions sessions)
    : SignInManager<Agent>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Agent user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(Agent user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var session = await sessions.StartAsync(user.Id, Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(AgentClaims.SessionClaim, session)]);
    }

    public override async Task SignOutAsync()
    {
        if (Context.User.AgentId() is { } agentId && Context.User.SessionId() is { } session)
            await sessions.EndAsync(agentId, session, Context.RequestAborted);
        await base.SignOutAsync();
    }
}

/// <summary>Puts the agent's display name in the cookie, for the app bar and "Resolved by …", and marks a
/// password the agent has still to replace.</summary>
public sealed class AgentClaimsFactory(UserManager<Agent> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Agent, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "cornerspot:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Agent user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(AgentClaims.MustChangePasswordClaim, "true"));
        return identity;
    }

    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "An agent";
}
