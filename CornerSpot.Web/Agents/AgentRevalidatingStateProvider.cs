using System.Security.Claims;
using CornerSpot.Domain.Agents;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Re-checks the signed-in agent of every open circuit: the moment this node signs the agent out, disables them,
/// changes their role or resets their password (an <see cref="AgentSessions"/> change), and every
/// <c>Auth:RevalidationSeconds</c> for changes made on another node. An ended session loses the console.
/// </summary>
public sealed class AgentRevalidatingStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly AgentSessions _sessions;
    private readonly IdentityOptions _options;
    private IDisposable? _subscription;

    public AgentRevalidatingStateProvider(ILoggerFactory loggerFactory, AgentSessions sessions, IOptions<IdentityOptions> options, IConfiguration config)
        : base(loggerFactory)
    {
        _sessions = sessions;
        _options = options.Value;
        RevalidationInterval = TimeSpan.FromSeconds(config.GetValue("Auth:RevalidationSeconds", 30.0));
    }

    /// <summary>Called once the circuit is open. Not during a static render: a page that ends the agent's own
    /// session (changing the password) must finish rendering for the user who posted it.</summary>
    public void WatchSessions() => _subscription ??= _sessions.Subscribe(OnAgentChanged);

    protected override TimeSpan RevalidationInterval { get; }

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillValidAsync(_sessions, state.User, _options, ct);

    /// <summary>The one check for a cookie (every request) and a circuit: session row, enabled agent, same stamp.</summary>
    public static Task<bool> IsStillValidAsync(AgentSessions sessions, ClaimsPrincipal principal, IdentityOptions options, CancellationToken ct) =>
        sessions.IsValidAsync(principal.AgentId(), principal.SessionId(), principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType), ct);

    private async void OnAgentChanged(string agentId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.AgentId() != agentId || await IsStillValidAsync(_sessions, state.User, _options, CancellationToken.None)) return;
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
        catch (Exception)
        {
            // The periodic revalidation tries again; a notification must never take the circuit down.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _subscription?.Dispose();
        base.Dispose(disposing);
    }
}
