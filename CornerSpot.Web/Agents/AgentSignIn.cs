using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using Microsoft.AspNetCore.Identity;

namespace CornerSpot.Web.Agents;

/// <summary>The sign-in form's one way in: throttle, check the password, audit, one answer for every failure.</summary>
public sealed class AgentSignIn(SignInManager<Agent> signIn, SignInThrottle throttle, AuditLog audit)
{
    /// <summary>Shown for an unknown email, a wrong password, a disabled or a locked account alike.</summary>
    public const string FailureMessage = "Email or password is incorrect.";

    private static string? s_decoyHash;

    public abstract record Outcome
    {
        public sealed record SignedIn : Outcome;
        public sealed record Failed : Outcome;
        public sealed record Throttled(TimeSpan RetryAfter) : Outcome;
    }

    public async Task<Outcome> SignInAsync(HttpContext http, string email, string password, bool remember, CancellationToken ct)
    {
        email = email.Trim();
        var address = AgentIdentity.ClientAddress(http);
        if (await throttle.RetryAfterAsync(address, email) is var wait && wait > TimeSpan.Zero)
            return new Outcome.Throttled(wait);

        var users = signIn.UserManager;
        var agent = await users.FindByEmailAsync(email);
        var result = agent is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(agent, password, remember, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(address, email);
            await audit.RecordAsync(AuditAction.SignedIn, agent!.Id, agent.Email ?? email, ct: ct);
            return new Outcome.SignedIn();
        }

        // An unknown or disabled account is refused without hashing; hash a decoy so the answer takes as long.
        if (agent is null || result.IsNotAllowed || result.IsLockedOut)
            users.PasswordHasher.VerifyHashedPassword(new Agent(), s_decoyHash ??= users.PasswordHasher.HashPassword(new Agent(), Guid.NewGuid().ToString()), password);
        await throttle.FailedAsync(address, email);
        var reason = agent is null ? "unknown email" : result.IsNotAllowed ? "account disabled" : result.IsLockedOut ? "account locked" : "wrong password";
        await audit.RecordAsync(AuditAction.SignInFailed, agent?.Id, email, detail: reason, ct: ct);
        return new Outcome.Failed();
    }
}
