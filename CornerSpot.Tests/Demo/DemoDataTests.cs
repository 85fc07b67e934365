using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Web.Demo;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Demo;

public sealed class DemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_writes_rows_that_EF_reads_back_through_the_inbox()
    {
        await using var harness = await DomainHarness.CreateAsync();

        var result = await new DemoData(harness.Get<IDbContextFactory<Domain.Persistence.CornerSpotDb>>(), harness.Clock)
            .SeedAsync(300, null, Ct);

        Assert.Equal(300, result.Conversations);
        var page = await harness.Get<InboxQuery>().ListAsync(new InboxFilter(PageSize: 200), Ct);
        Assert.Equal(300, page.Total);
        Assert.Equal(page.Rows.Select(r => r.LastActivityAt).OrderByDescending(t => t), page.Rows.Select(r => r.LastActivityAt));
        Assert.All(page.Rows, r => Assert.True(r.LastActivityAt <= harness.Clock.GetUtcNow().UtcDateTime));
        Assert.Contains(page.Rows, r => r.Callback == CallbackStatus.Pending);
        Assert.Contains(page.Rows, r => r.Status == ConversationStatus.Open);
        Assert.True((await harness.Get<InboxQuery>().QueuesAsync(Ct)).Count >= 4);

        var withCallback = page.Rows.First(r => r.Callback is not null);
        var view = await harness.Get<ConversationQuery>().GetAsync(withCallback.Id, Ct);
        Assert.NotNull(view);
        Assert.NotEmpty(view.Messages);
        Assert.StartsWith("+", view.Callback!.PhoneE164);
    }

    [Fact]
    public async Task A_large_seed_leaves_the_search_indexes_complete_and_still_kept_in_step()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var inbox = harness.Get<InboxQuery>();

        // Large enough for the bulk path: the search indexes are filled once at the end, not by their triggers.
        await new DemoData(harness.Get<IDbContextFactory<Domain.Persistence.CornerSpotDb>>(), harness.Clock).SeedAsync(50_000, null, Ct);

        await using (var db = harness.Db())
        {
            // FTS5's own consistency check against the content tables: it fails the statement on any difference.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "CustomersSearch"("CustomersSearch") VALUES ('integrity-check')""", Ct);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "MessagesSearch"("MessagesSearch") VALUES ('integrity-check')""", Ct);
            // The planner has statistics for the grown tables, so it follows a search instead of walking an index.
            Assert.True(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Conversations'").SingleAsync(Ct) > 0);
            var customer = await db.Customers.OrderBy(c => c.FirstSeenAt).FirstAsync(Ct);
            var found = await inbox.ListAsync(new InboxFilter(Search: customer.PhoneE164![^8..]), Ct);
            Assert.Contains(found.Rows, r => r.CustomerName == customer.Name);
        }
        // The triggers are back: a new arrival is searchable at once.
        await harness.CallbackAsync(new CallbackSubmission { Name = "Hedy Lamarr", Phone = "+1 212 555 0199", Note = "Frequency hopping" });
        Assert.Single((await inbox.ListAsync(new InboxFilter(Search: "Lamarr"), Ct)).Rows);
        Assert.Single((await inbox.ListAsync(new InboxFilter(Search: "frequency hop"), Ct)).Rows);
    }

    [Fact]
    public async Task Seeding_on_PostgreSQL_writes_rows_the_inbox_lists_and_finds()
    {
        await using var harness = await DomainHarness.CreateAsync(Domain.Persistence.DatabaseProvider.Postgres);
        var inbox = harness.Get<InboxQuery>();

        var result = await new DemoData(harness.Get<IDbContextFactory<Domain.Persistence.CornerSpotDb>>(), harness.Clock).SeedAsync(300, null, Ct);

        Assert.Equal(300, result.Conversations);
        Assert.Equal(300, (await inbox.ListAsync(new InboxFilter(), Ct)).Total);
        await using var db = harness.Db();
        var customer = await db.Customers.OrderBy(c => c.FirstSeenAt).FirstAsync(Ct);
        Assert.Contains((await inbox.ListAsync(new InboxFilter(Search: customer.PhoneE164![^8..]), Ct)).Rows, r => r.CustomerName == customer.Name);
        Assert.Contains((await inbox.ListAsync(new InboxFilter(Search: customer.Name), Ct)).Rows, r => r.CustomerName == customer.Name);
    }

    [Fact]
    public async Task Seeding_twice_adds_more_without_clashing_phone_numbers()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var seeder = new DemoData(harness.Get<IDbContextFactory<Domain.Persistence.CornerSpotDb>>(), harness.Clock);

        await seeder.SeedAsync(50, null, Ct);
        await seeder.SeedAsync(50, null, Ct);

        await using var db = harness.Db();
        Assert.Equal(100, await db.Conversations.CountAsync(Ct));
    }
}
