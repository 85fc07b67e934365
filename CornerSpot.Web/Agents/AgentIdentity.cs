using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CornerSpot.Web.Agents;

public static class AgentIdentity
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string LeadPolicy = "Lead";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddAgentIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<Agent, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Auth:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Auth:LockoutMinutes", 15));
            })
            .AddEntityFrameworkStores<CornerSpotDb>()
            .AddSignInManager<AgentSignInManager>()
            .AddClaimsPrincipalFactory<AgentClaimsFactory>()
            .AddDefaultTokenProviders();

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
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromMinutes(config.GetValue("Auth:RevalidationMinutes", 3.0)));

        services.AddAuthorizationBuilder()
            .AddPolicy(LeadPolicy, p => p.RequireRole(Roles.Lead, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AgentRevalidatingStateProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<Agent> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out needs a fresh page", detail: "Reload the page and try again.");
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });
        return app;
    }
}

/// <summary>Refuses sign-in to disabled agents, whatever their password.</summary>
public sealed class AgentSignInManager(
    UserManager<Agent> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<Agent> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Agent>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Agent> confirmation)
    : SignInManager<Agent>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Agent user) => !user.IsDisabled && await base.CanSignInAsync(user);
}

/// <summary>Puts the agent's display name in the cookie, for the app bar and "Resolved by …".</summary>
public sealed class AgentClaimsFactory(UserManager<Agent> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Agent, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "cornerspot:display_name";

    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(Agent user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        return identity;
    }

    public static string DisplayName(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(DisplayNameClaim)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "An agent";
}
