using System.Reflection;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Audit;

/// <summary>Every kind of audited action leaves one entry: who, when, from where, what — never a password or what a visitor typed.</summary>
public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<AuditEntry>> EntriesAsync(Func<CornerSpot.Domain.Persistence.CornerSpotDb> db)
    {
        await using var context = db();
        return await context.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
    }

    private static string Everything(IEnumerable<AuditEntry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Actor}|{e.ActorId}|{e.ClientAddress}|{e.Subject}|{e.Detail}"));

    [Fact]
    public async Task Sign_in_success_and_failure_and_sign_out_are_recorded_with_the_client_address()
    {
        await using var app = new AppFactory();
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(AppFactory.ClientAddressHeader, "198.51.100.7");

        await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, "Wrong-Password-9");
        await AppFactory.PostLoginAsync(client, "nobody@test.local", "Wrong-Password-9");
        await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var page = await client.GetStringAsync("/dashboard/settings", Ct);
        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(page),
        }), Ct);

        var entries = await EntriesAsync(app.Db);
        Assert.Equal([AuditAction.SignInFailed, AuditAction.SignInFailed, AuditAction.SignedIn, AuditAction.SignedOut], entries.Select(e => e.Action));
        Assert.Equal([AppFactory.AdminEmail, "nobody@test.local", AppFactory.AdminEmail, AppFactory.AdminEmail], entries.Select(e => e.Actor));
        Assert.All(entries, e => Assert.Equal("198.51.100.7", e.ClientAddress));
        Assert.All(entries, e => Assert.Equal(DomainHarness.Start.UtcDateTime, e.At));
        Assert.DoesNotContain("Wrong-Password-9", Everything(entries));
        Assert.DoesNotContain(AppFactory.AdminPassword, Everything(entries));
    }

    [Fact]
    public async Task Adding_an_agent_role_changes_disabling_enabling_and_password_resets_are_recorded_without_the_passwords()
    {
        await using var app = new AppFactory();
        app.StartServer();
        var directory = app.Services.GetRequiredService<AgentDirectory>();
        var admin = await app.PrincipalAsync();

        var added = (AgentChange.Done)await directory.CreateAsync(admin, "kim@test.local", "Kim", Roles.Agent, Ct);
        var id = (await directory.ListAsync(admin, Ct)).Single(a => a.Email == "kim@test.local").Id;
        await directory.SetRoleAsync(admin, id, Roles.Lead, Ct);
        await directory.SetDisabledAsync(admin, id, true, Ct);
        await directory.SetDisabledAsync(admin, id, false, Ct);
        var reset = (AgentChange.Done)await directory.ResetPasswordAsync(admin, id, Ct);

        var entries = await EntriesAsync(app.Db);
        Assert.Equal([AuditAction.AgentAdded, AuditAction.RoleChanged, AuditAction.AgentDisabled, AuditAction.AgentEnabled, AuditAction.PasswordReset],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((AppFactory.AdminEmail, "kim@test.local"), (e.Actor, e.Subject)));
        Assert.Equal("Agent → Lead", entries[1].Detail);
        Assert.DoesNotContain(added.TemporaryPassword!, Everything(entries));
        Assert.DoesNotContain(reset.TemporaryPassword!, Everything(entries));
    }

    [Fact]
    public async Task Queue_and_allowed_website_changes_are_recorded()
    {
        await using var h = await DomainHarness.CreateAsync();
        var admin = await h.StoredAgentAsync();
        var queues = h.Get<QueueAdministration>();

        await queues.CreateAsync(admin, "Sales", Ct);
        var sales = (await queues.ListAsync(Ct)).Single(q => q.Slug == "sales").Id;
        await queues.RenameAsync(admin, sales, "New business", Ct);
        await queues.SetCallbackEnabledAsync(admin, sales, false, Ct);
        await queues.SetHoursAsync(admin, sales, "Europe/London", [new HoursRow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], Ct);
        await queues.RemoveAsync(admin, sales, Ct);
        await h.Get<WidgetSettingsStore>().SaveAllowedOriginsAsync(admin, "https://shop.example.com", Ct);

        var entries = await EntriesAsync(h.Db);
        Assert.Equal([AuditAction.QueueAdded, AuditAction.QueueRenamed, AuditAction.CallbackFormChanged, AuditAction.BusinessHoursChanged,
            AuditAction.QueueRemoved, AuditAction.AllowedOriginsChanged], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("admin-1", "admin-1@example.com"), (e.ActorId, e.Actor)));
        Assert.Equal(["Sales", "New business", "New business", "New business", "New business", null], entries.Select(e => e.Subject));
        Assert.Equal("https://shop.example.com", entries[^1].Detail);
    }

    [Fact]
    public async Task Resolving_a_callback_records_its_id_and_nothing_the_visitor_typed()
    {
        await using var h = await DomainHarness.CreateAsync();
        var receipt = await h.CallbackAsync(Submissions.Complete);
        AuditOrigin.ClientAddress = "192.0.2.44";

        await h.Get<CallbackWork>().ResolveAsync(receipt.Id, new CallingAgent("agent-7", "Sam Agent"), Ct);

        var entry = Assert.Single(await EntriesAsync(h.Db));
        Assert.Equal((AuditAction.CallbackResolved, "agent-7", "Sam Agent", receipt.Id.ToString(), "192.0.2.44"),
            (entry.Action, entry.ActorId, entry.Actor, entry.Subject, entry.ClientAddress));
        foreach (var typed in new[] { "Ada", "Lovelace", "7946", "invoice", "ada@example.com", "shop.example.com" })
            Assert.DoesNotContain(typed, Everything([entry]));
    }

    [Fact]
    public void The_audit_log_offers_no_way_to_change_or_remove_an_entry()
    {
        var methods = typeof(AuditLog).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).Distinct();

        Assert.Equal(["ListAsync", "RecordAsync"], methods.Order());
        Assert.All(typeof(AuditEntry).GetProperties(), p => Assert.True(p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)), p.Name));
    }
}
