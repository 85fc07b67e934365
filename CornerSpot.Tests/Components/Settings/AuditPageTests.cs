using Bunit;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Settings;

/// <summary>The audit page on a real SQLite file, as an Admin.</summary>
public sealed class AuditPageTests : MudTestContext, IAsyncLifetime
{
    private DomainHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync();
        await _harness.StoredAgentAsync(id: "admin-1");
        Services.AddSingleton(_harness.Get<AuditLog>());
        var auth = AddAuthorization();
        auth.SetAuthorized("Ada Admin");
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "admin-1"));
        RenderInteractively();

        var audit = _harness.Get<AuditLog>();
        var ct = Xunit.TestContext.Current.CancellationToken;
        AuditOrigin.ClientAddress = "198.51.100.7";
        await audit.RecordAsync(AuditAction.SignedIn, "admin-1", "ada@test.local", ct: ct);
        _harness.Clock.Advance(TimeSpan.FromDays(1));
        await audit.RecordAsync(AuditAction.SignInFailed, actorId: null, "mallory@test.local", detail: "unknown email", ct: ct);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await audit.RecordAsync(AuditAction.RoleChanged, "admin-1", "ada@test.local", "kim@test.local", "Agent → Lead", ct);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private IRenderedComponent<AuditPage> RenderAt(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard/settings/audit" + query);
        return Render<AuditPage>();
    }

    private static List<string> Whos(IRenderedComponent<AuditPage> cut) =>
        cut.FindAll("td[data-label='Who']").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public void Lists_the_newest_entry_first_with_who_when_where_and_what()
    {
        var cut = RenderAt("");

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr").Count));
        Assert.Equal(["ada@test.local", "mallory@test.local", "ada@test.local"], Whos(cut));
        var newest = cut.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("Role changed", newest);
        Assert.Contains("kim@test.local", newest);
        Assert.Contains("Agent → Lead", newest);
        Assert.Contains("198.51.100.7", newest);
        Assert.Contains("2026-11-26 10:05:00", newest);
    }

    [Fact]
    public void Filters_by_action_from_the_query_string()
    {
        var cut = RenderAt("?action=SignInFailed");

        cut.WaitForAssertion(() => Assert.Equal(["mallory@test.local"], Whos(cut)));
    }

    [Fact]
    public void Filters_by_agent_or_email_and_by_day()
    {
        var byWho = RenderAt("?who=kim");
        byWho.WaitForAssertion(() => Assert.Equal(["ada@test.local"], Whos(byWho)));
        Assert.Contains("Role changed", byWho.Markup);

        var byDay = RenderAt("?from=2026-11-25&to=2026-11-25");
        byDay.WaitForAssertion(() => Assert.Single(Whos(byDay)));
        Assert.Contains("Signed in", byDay.Markup);
    }
}
