using System.Security.Claims;
using CornerSpot.Domain.Agents;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Re-checks the signed-in agent of every open circuit: a disabled, deleted or re-stamped agent loses the
/// console within the interval instead of keeping it open all day.
/// </summary>
public sealed class AgentRevalidatingStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, IConfiguration config)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval { get; } =
        TimeSpan.FromMinutes(config.GetValue("Auth:RevalidationMinutes", 3.0));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        return await IsStillValidAsync(users, state.User, options.Value);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<Agent> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        if (await users.GetUserAsync(principal) is not { IsDisabled: false } agent) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(agent);
    }
}
