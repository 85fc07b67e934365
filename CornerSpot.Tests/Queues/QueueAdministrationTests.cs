using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Queues;

public sealed class QueueAdministrationTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private QueueAdministration Admin => _h.Get<QueueAdministration>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await DomainHarness.CreateAsync();
        // Principals.Admin is an enabled Admin in the database: the service re-reads the actor's role there.
        await _h.StoredAgentAsync();
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<QueueRow> QueueAsync(string name) => (await Admin.ListAsync(Ct)).Single(q => q.Name == name);

    [Fact]
    public async Task A_new_queue_gets_an_address_from_its_name_and_takes_callbacks()
    {
        Assert.Null(await Admin.CreateAsync(Principals.Admin, "  Billing & Refunds ", Ct));

        var queue = await QueueAsync("Billing & Refunds");
        Assert.Equal("billing-refunds", queue.Slug);
        Assert.True(queue.CallbackEnabled);
        Assert.Empty(queue.Hours);
    }

    [Fact]
    public async Task Two_queues_cannot_share_an_address()
    {
        await Admin.CreateAsync(Principals.Admin, "Sales", Ct);

        var problem = await Admin.CreateAsync(Principals.Admin, "sales", Ct);

        Assert.Contains("already exists", problem);
        Assert.Single(await Admin.ListAsync(Ct), q => q.Slug == "sales");
    }

    [Fact]
    public async Task Renaming_keeps_the_address_already_pasted_into_websites()
    {
        await Admin.CreateAsync(Principals.Admin, "Sales", Ct);

        Assert.Null(await Admin.RenameAsync(Principals.Admin, (await QueueAsync("Sales")).Id, "New business", Ct));

        Assert.Equal("sales", (await QueueAsync("New business")).Slug);
    }

    [Fact]
    public async Task A_queue_with_history_is_archived_not_deleted_and_stops_taking_requests()
    {
        await Admin.CreateAsync(Principals.Admin, "Sales", Ct);
        await _h.Get<CallbackIntake>().SubmitAsync(new CallbackSubmission { Name = "Ada", Phone = "+442079460958", Queue = "sales" }, null, Ct);

        Assert.Null(await Admin.RemoveAsync(Principals.Admin, (await QueueAsync("Sales")).Id, Ct));

        Assert.DoesNotContain(await Admin.ListAsync(Ct), q => q.Slug == "sales");
        await using var db = _h.Db();
        Assert.True((await db.Queues.SingleAsync(q => q.Slug == "sales", Ct)).IsArchived);
        Assert.Equal(1, await db.Conversations.CountAsync(Ct));
        var again = await _h.Get<CallbackIntake>().SubmitAsync(new CallbackSubmission { Name = "Bo", Phone = "+442079460959", Queue = "sales" }, null, Ct);
        Assert.IsType<IntakeResult.Invalid>(again);
    }

    [Fact]
    public async Task A_queue_without_history_is_deleted()
    {
        await Admin.CreateAsync(Principals.Admin, "Sales", Ct);

        await Admin.RemoveAsync(Principals.Admin, (await QueueAsync("Sales")).Id, Ct);

        await using var db = _h.Db();
        Assert.False(await db.Queues.AnyAsync(q => q.Slug == "sales", Ct));
    }

    [Fact]
    public async Task The_default_queue_cannot_be_removed()
    {
        var problem = await Admin.RemoveAsync(Principals.Admin, (await QueueAsync("General")).Id, Ct);

        Assert.Contains("cannot be removed", problem);
    }

    [Fact]
    public async Task Turning_the_callback_form_off_makes_the_api_refuse_with_forbidden()
    {
        await Admin.SetCallbackEnabledAsync(Principals.Admin, (await QueueAsync("General")).Id, false, Ct);

        var result = await _h.Get<CallbackIntake>().SubmitAsync(new CallbackSubmission { Name = "Ada", Phone = "+442079460958" }, null, Ct);

        Assert.IsType<IntakeResult.CallbacksDisabled>(result);
    }

    [Fact]
    public async Task Business_hours_are_replaced_and_validated()
    {
        var id = (await QueueAsync("General")).Id;
        HoursRow[] weekdays = [.. Enumerable.Range(1, 5).Select(d => new HoursRow((DayOfWeek)d, new TimeOnly(9, 0), new TimeOnly(17, 30)))];

        Assert.Null(await Admin.SetHoursAsync(Principals.Admin, id, "Europe/London", weekdays, Ct));
        Assert.NotNull(await Admin.SetHoursAsync(Principals.Admin, id, "Mars/Base", weekdays, Ct));
        Assert.NotNull(await Admin.SetHoursAsync(Principals.Admin, id, "UTC", [new HoursRow(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(9, 0))], Ct));
        Assert.NotNull(await Admin.SetHoursAsync(Principals.Admin, id, "UTC",
            [new HoursRow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)), new HoursRow(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(18, 0))], Ct));

        var queue = await QueueAsync("General");
        Assert.Equal("Europe/London", queue.TimeZone);
        Assert.Equal(weekdays, queue.Hours);
    }

    [Fact]
    public async Task Only_an_admin_may_change_queues()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Admin.CreateAsync(Principals.Agent, "Sales", Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Admin.SetCallbackEnabledAsync(Principals.Agent, Guid.NewGuid(), false, Ct));
    }

    [Fact]
    public async Task Allowed_countries_are_stored_as_region_codes_and_cleared_by_an_empty_list()
    {
        var general = await QueueAsync("General");

        Assert.Null(await Admin.SetAllowedCountriesAsync(Principals.Admin, general.Id, "gb, ie", Ct));
        Assert.Equal(["GB", "IE"], (await QueueAsync("General")).AllowedCountries);

        Assert.Null(await Admin.SetAllowedCountriesAsync(Principals.Admin, general.Id, "  ", Ct));
        Assert.Empty((await QueueAsync("General")).AllowedCountries);
    }

    [Fact]
    public async Task An_unknown_country_code_is_refused_and_the_old_list_kept()
    {
        var general = await QueueAsync("General");
        await Admin.SetAllowedCountriesAsync(Principals.Admin, general.Id, "GB", Ct);

        var problem = await Admin.SetAllowedCountriesAsync(Principals.Admin, general.Id, "GB, Britain", Ct);

        Assert.Equal("\"BRITAIN\" is not a country code. Use two-letter codes such as GB, IE.", problem);
        Assert.Equal(["GB"], (await QueueAsync("General")).AllowedCountries);
    }
}
