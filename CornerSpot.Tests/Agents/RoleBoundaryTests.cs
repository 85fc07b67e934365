using System.Net;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Agents;

public sealed class RoleBoundaryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.Agent, "/dashboard/team")]
    [InlineData(Roles.Agent, "/dashboard/settings")]
    [InlineData(Roles.Agent, "/dashboard/settings/audit")]
    [InlineData(Roles.Lead, "/dashboard/settings")]
    [InlineData(Roles.Lead, "/dashboard/settings/agents")]
    [InlineData(Roles.Lead, "/dashboard/settings/audit")]
    [InlineData(Roles.Agent, "/dashboard/settings/webhooks")]
    [InlineData(Roles.Lead, "/dashboard/settings/webhooks")]
    public async Task A_role_without_the_page_is_sent_to_access_denied(string role, string page)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await _app.CreateAgentAsync(email, "Role-Password-1", role);
        var client = await _app.SignedInClientAsync(email, "Role-Password-1");

        var response = await client.GetAsync(page, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", AppFactory.RedirectPath(response));
    }

    [Fact]
    public async Task A_demoted_admins_open_console_can_no_longer_change_queues_agents_origins_or_read_the_audit_log()
    {
        var id = await _app.CreateAgentAsync("demoted@test.local", "Demoted-Pass-1", Roles.Admin);
        // The claims an open circuit still carries from before the demotion.
        var staleAdmin = await _app.PrincipalAsync("demoted@test.local");
        await _app.Services.GetRequiredService<AgentDirectory>().SetRoleAsync(await _app.PrincipalAsync(), id, Roles.Agent, Ct);
        Assert.True(staleAdmin.IsInRole(Roles.Admin));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Services.GetRequiredService<QueueAdministration>().CreateAsync(staleAdmin, "Sales", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Services.GetRequiredService<WidgetSettingsStore>().SaveAllowedOriginsAsync(staleAdmin, "*", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Services.GetRequiredService<AgentDirectory>().ListAsync(staleAdmin, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Services.GetRequiredService<AuditLog>().ListAsync(staleAdmin, new AuditFilter(), 0, 10, Ct));
    }

    [Fact]
    public async Task A_disabled_admins_open_console_can_no_longer_change_queues()
    {
        var id = await _app.CreateAgentAsync("gone@test.local", "Gone-Password-1", Roles.Admin);
        var staleAdmin = await _app.PrincipalAsync("gone@test.local");

        await _app.Services.GetRequiredService<AgentDirectory>().SetDisabledAsync(await _app.PrincipalAsync(), id, true, Ct);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _app.Services.GetRequiredService<QueueAdministration>().CreateAsync(staleAdmin, "Sales", Ct));
    }
}
