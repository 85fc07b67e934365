using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Domain.Agents;

public sealed record AgentRow(string Id, string Email, string DisplayName, string Role, bool IsDisabled, bool IsLockedOut, DateTime CreatedAt);

public abstract record AgentChange
{
    public sealed record Done(string? TemporaryPassword = null) : AgentChange;
    public sealed record Refused(string Reason) : AgentChange;
}

/// <summary>
/// Admin operations on agents. Every call re-checks in the database that the acting user is an enabled Admin,
/// whatever the page or the circuit's claims say, and is written to the audit trail.
/// Each operation gets its own scope: Identity's stores hold a DbContext, and a circuit lives for hours.
/// </summary>
public sealed class AgentDirectory(IServiceScopeFactory scopes, TimeProvider clock, AgentSessions sessions, AuditLog audit)
{
    public async Task<IReadOnlyList<AgentRow>> ListAsync(ClaimsPrincipal actor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerSpotDb>();
        await db.RequireAdminAsync(actor, ct);
        var now = clock.GetUtcNow();
        var agents = await db.Users.AsNoTracking().OrderBy(a => a.DisplayName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(ct);
        return agents.Select(a => new AgentRow(
                a.Id, a.Email ?? "", a.DisplayName, AgentAccess.HighestRole(roles.Where(r => r.UserId == a.Id).Select(r => r.Name!)),
                a.IsDisabled, !a.IsDisabled && a.LockoutEnd > now, a.CreatedAt))
            .ToList();
    }

    public async Task<AgentChange> CreateAsync(ClaimsPrincipal actor, string email, string displayName, string role, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admin = await RequireAdminAsync(scope, actor, ct);
        if (!Roles.All.Contains(role)) return new AgentChange.Refused($"Unknown role {role}.");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        var agent = new Agent
        {
            UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true,
            DisplayName = displayName.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime, MustChangePassword = true,
        };
        var password = GeneratePassword();
        var created = await users.CreateAsync(agent, password);
        if (!created.Succeeded) return Refused(created);
        var added = await users.AddToRoleAsync(agent, role);
        if (!added.Succeeded) return Refused(added);
        await audit.RecordAsync(AuditAction.AgentAdded, admin, agent.Email, role, ct);
        return new AgentChange.Done(password);
    }

    public async Task<AgentChange> SetRoleAsync(ClaimsPrincipal actor, string agentId, string role, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admin = await RequireAdminAsync(scope, actor, ct);
        if (!Roles.All.Contains(role)) return new AgentChange.Refused($"Unknown role {role}.");
        if (agentId == admin.Id && role != Roles.Admin)
            return new AgentChange.Refused("You cannot remove your own Admin role.");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        if (await users.FindByIdAsync(agentId) is not { } agent) return new AgentChange.Refused("That agent no longer exists.");
        var current = await users.GetRolesAsync(agent);
        var previous = AgentAccess.HighestRole(current);
        var removed = await users.RemoveFromRolesAsync(agent, current);
        if (!removed.Succeeded) return Refused(removed);
        var added = await users.AddToRoleAsync(agent, role);
        if (!added.Succeeded) return Refused(added);
        // A new security stamp ends the agent's sessions: they sign in again and get the new role.
        await users.UpdateSecurityStampAsync(agent);
        sessions.Changed(agent.Id);
        await audit.RecordAsync(AuditAction.RoleChanged, admin, agent.Email, $"{previous} → {role}", ct);
        return new AgentChange.Done();
    }

    public async Task<AgentChange> SetDisabledAsync(ClaimsPrincipal actor, string agentId, bool disabled, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admin = await RequireAdminAsync(scope, actor, ct);
        if (agentId == admin.Id && disabled) return new AgentChange.Refused("You cannot disable your own account.");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        if (await users.FindByIdAsync(agentId) is not { } agent) return new AgentChange.Refused("That agent no longer exists.");
        agent.IsDisabled = disabled;
        var updated = await users.UpdateAsync(agent);
        if (!updated.Succeeded) return Refused(updated);
        // Invalidates the agent's cookies and open circuits.
        await users.UpdateSecurityStampAsync(agent);
        sessions.Changed(agent.Id);
        await audit.RecordAsync(disabled ? AuditAction.AgentDisabled : AuditAction.AgentEnabled, admin, agent.Email, ct: ct);
        return new AgentChange.Done();
    }

    public async Task<AgentChange> ResetPasswordAsync(ClaimsPrincipal actor, string agentId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var admin = await RequireAdminAsync(scope, actor, ct);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Agent>>();
        if (await users.FindByIdAsync(agentId) is not { } agent) return new AgentChange.Refused("That agent no longer exists.");
        var password = GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(agent);
        var reset = await users.ResetPasswordAsync(agent, token, password);
        if (!reset.Succeeded) return Refused(reset);
        await users.SetLockoutEndDateAsync(agent, null);
        // The reset changed the stamp (every session of the agent ends); the new password is the admin's, not theirs.
        agent.MustChangePassword = true;
        var flagged = await users.UpdateAsync(agent);
        if (!flagged.Succeeded) return Refused(flagged);
        sessions.Changed(agent.Id);
        await audit.RecordAsync(AuditAction.PasswordReset, admin, agent.Email, ct: ct);
        return new AgentChange.Done(password);
    }

    /// <summary>A 20-character password with every character class Identity's default rules ask for.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*-_+=?";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static Task<ActingAgent> RequireAdminAsync(AsyncServiceScope scope, ClaimsPrincipal actor, CancellationToken ct) =>
        scope.ServiceProvider.GetRequiredService<CornerSpotDb>().RequireAdminAsync(actor, ct);

    private static AgentChange.Refused Refused(IdentityResult result) =>
        new(string.Join(" ", result.Errors.Select(e => e.Description)));
}
