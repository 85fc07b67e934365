using System.Text.Json;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Team;
using CornerSpot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Retention;

public sealed class CustomerErasureTests : IAsyncLifetime
{
    private const string National = "020 7946 0958";
    private static readonly string[] Traces = ["+442079460958", National, "02079460958", "ada@example.com", "Ada Lovelace", "my invoice"];
    private DomainHarness _h = null!;
    private CallbackReceipt _receipt = null!;
    private CustomerErasure Erasure => _h.Get<CustomerErasure>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await DomainHarness.CreateAsync();
        await _h.StoredAgentAsync();
        var result = await _h.Get<CallbackIntake>().SubmitAsync(Submissions.Complete with { Phone = National }, "key-1", Ct);
        _receipt = Assert.IsType<IntakeResult.Accepted>(result).Receipt;
        var grace = new CallingAgent("agent-1", "Grace Hopper");
        var work = _h.Get<CallbackWork>();
        await work.LogCallAsync(_receipt.Id, grace, CallOutcome.NoAnswer, $"Rang {National}, try ada@example.com", Ct);
        await work.LogCallAsync(_receipt.Id, grace, CallOutcome.Reached, null, Ct);
        await _h.Get<AuditLog>().RecordAsync(AuditAction.CallbackResolved, "agent-1", "agent-1@example.com", _receipt.Id.ToString(),
            $"Called +442079460958", Ct);
        // Another customer, who must keep everything.
        await _h.CallbackAsync(Submissions.Minimal with { Name = "Grace Other", Phone = "020 7946 0111" });
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    /// <summary>Every text (and blob) value in every table of the SQLite file, the search indexes included.</summary>
    private async Task<List<string>> TracesLeftAsync()
    {
        await using var db = _h.Db();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                    {
                        string s => s,
                        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                        var other => other.ToString(),
                    };
                    found.AddRange(Traces.Where(t => text?.Contains(t, StringComparison.OrdinalIgnoreCase) == true)
                        .Select(t => $"{table}.{reader.GetName(i)}: {t}"));
                }
        }
        return found;
    }

    private async Task<string> TeamFiguresAsync() =>
        JsonSerializer.Serialize(new { Overview = await _h.Get<TeamOverview>().GetAsync(Ct), Day = await _h.Get<TeamActivity>().GetAsync(Ct) });

    [Fact]
    public async Task The_confirmation_names_the_customer_and_what_will_be_deleted()
    {
        var preview = await Erasure.PreviewAsync(Principals.Admin, "+44 20 7946 0958", Ct);

        Assert.NotNull(preview);
        Assert.Equal("Ada Lovelace", preview.CustomerName);
        Assert.Equal("1 conversation, 1 message, 1 callback", preview.Summary);
    }

    [Fact]
    public async Task The_data_is_really_there_before_erasure()
    {
        var left = await TracesLeftAsync();

        Assert.Contains(left, t => t.StartsWith("Customers.PhoneE164", StringComparison.Ordinal));
        Assert.Contains(left, t => t.StartsWith("CallbackRequests.PhoneAsTyped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_erasure_by_phone_no_table_holds_the_number_the_email_or_the_name()
    {
        Assert.NotNull(await Erasure.EraseAsync(Principals.Admin, National, Ct));

        Assert.Empty(await TracesLeftAsync());
    }

    [Fact]
    public async Task After_erasure_by_email_no_table_holds_the_number_the_email_or_the_name()
    {
        Assert.NotNull(await Erasure.EraseAsync(Principals.Admin, "ADA@example.com", Ct));

        Assert.Empty(await TracesLeftAsync());
    }

    [Fact]
    public async Task Erasure_leaves_other_customers_alone()
    {
        await Erasure.EraseAsync(Principals.Admin, National, Ct);

        await using var db = _h.Db();
        Assert.True(await db.Customers.AnyAsync(c => c.Name == "Grace Other" && c.PhoneE164 == "+442079460111", Ct));
        Assert.Equal(1, await db.CallbackRequests.CountAsync(c => c.Name == "Grace Other", Ct));
    }

    [Fact]
    public async Task The_team_figures_do_not_change_when_a_customer_is_erased()
    {
        var before = await TeamFiguresAsync();

        await Erasure.EraseAsync(Principals.Admin, National, Ct);

        Assert.Equal(before, await TeamFiguresAsync());
    }

    [Fact]
    public async Task Erasure_is_audited_with_counts_and_no_personal_data()
    {
        await Erasure.EraseAsync(Principals.Admin, National, Ct);

        await using var db = _h.Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.CustomerErased, Ct);
        Assert.Equal("admin-1@example.com", entry.Actor);
        Assert.Null(entry.Subject);
        Assert.Equal("1 conversation, 1 message, 1 callback", entry.Detail);
    }

    [Fact]
    public async Task A_pending_callback_of_the_erased_customer_is_cancelled()
    {
        await _h.Get<CustomerErasure>().EraseAsync(Principals.Admin, "020 7946 0111", Ct);

        await using var db = _h.Db();
        Assert.False(await db.CallbackRequests.AnyAsync(c => c.Status == CallbackStatus.Pending, Ct));
    }

    [Fact]
    public async Task A_number_no_customer_has_finds_nothing()
    {
        Assert.Null(await Erasure.PreviewAsync(Principals.Admin, "020 7946 0999", Ct));
        Assert.Null(await Erasure.EraseAsync(Principals.Admin, "not a number", Ct));
    }

    [Fact]
    public async Task An_agent_who_is_not_an_admin_cannot_erase()
    {
        var agent = await _h.StoredAgentAsync(Roles.Agent, "agent-9");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Erasure.EraseAsync(agent, National, Ct));

        await using var db = _h.Db();
        Assert.True(await db.Customers.AnyAsync(c => c.PhoneE164 == "+442079460958", Ct));
    }
}
