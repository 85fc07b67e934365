using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Persistence.Postgres;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Persistence;

/// <summary>Start-up on PostgreSQL, where several nodes share one database.</summary>
public sealed class PostgresStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nodes_starting_together_on_a_new_database_migrate_it_once_with_one_default_queue_and_one_first_admin()
    {
        using var database = PostgresServer.CreateDatabase(migrated: false);
        var nodes = Enumerable.Range(0, 3).Select(_ => new AppFactory(provider: DatabaseProvider.Postgres, database: database)).ToList();
        try
        {
            // Touching Services builds and starts the app: its start-up work runs.
            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Services, Ct)));

            await using var db = nodes[0].Db();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            Assert.Equal(Queue.DefaultSlug, (await db.Queues.SingleAsync(Ct)).Slug);
            Assert.Equal(AppFactory.AdminEmail, (await db.Users.SingleAsync(Ct)).Email);
            Assert.Equal(Roles.All.Length, await db.Roles.CountAsync(Ct));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_first_start_without_a_bootstrap_password_refuses_and_says_what_to_set()
    {
        await using var node = new AppFactory(new Dictionary<string, string?> { ["Bootstrap:AdminPassword"] = "" }, DatabaseProvider.Postgres);

        var refused = Assert.ThrowsAny<Exception>(() => node.Services);

        Assert.Contains(AdminBootstrap.MultiNodeNeedsPassword, Flatten(refused));
        await using var db = new PostgresCornerSpotDb(new DbContextOptionsBuilder<PostgresCornerSpotDb>().UseNpgsql(node.ConnectionString).Options);
        Assert.Empty(await db.Users.ToListAsync(Ct));
    }

    private static string Flatten(Exception e) => e.InnerException is { } inner ? e.Message + " " + Flatten(inner) : e.Message;
}
