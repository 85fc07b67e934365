using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain.Persistence;

public static class DomainServices
{
    public const string ConnectionStringName = "CornerSpot";

    /// <param name="resolveDataSource">Turns a relative SQLite file path into the one to open.</param>
    public static IServiceCollection AddCornerSpotDomain(this IServiceCollection services, Func<string, string> resolveDataSource)
    {
        // Pooled: the intake path creates a context per query it runs, and pooled ones cost a reset, not a build.
        services.AddPooledDbContextFactory<CornerSpotDb>((sp, o) =>
        {
            // Read inside the lambda so tests can swap the connection string with UseSetting.
            var raw = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                      ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
            var csb = new SqliteConnectionStringBuilder(raw);
            if (!Path.IsPathRooted(csb.DataSource) && csb.DataSource != ":memory:")
                csb.DataSource = resolveDataSource(csb.DataSource);
            // Interceptors registered in DI (diagnostics, fault injection in tests) join the built-in one.
            o.UseSqlite(csb.ToString())
                .AddInterceptors(new SqlitePragmas())
                .AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PhoneNumberParser(
            sp.GetRequiredService<IConfiguration>()["Phones:DefaultRegion"] ?? "US"));
        services.AddSingleton<IInboxEvents, InProcessInboxEvents>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<IValidator<CallbackSubmission>, CallbackSubmissionValidator>();
        services.AddSingleton<CallbackWriter>();
        services.AddSingleton<CallbackIntake>();
        services.AddSingleton<Team.TeamOverview>();
        services.AddSingleton<Settings.WidgetSettingsStore>();
        services.AddSingleton<QueueAdministration>();
        services.AddSingleton<QueueStatusQuery>();
        services.AddSingleton<CallbackResolution>();
        services.AddSingleton<InboxQuery>();
        services.AddSingleton<ConversationQuery>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>Lets SQLite refresh the statistics its query planner uses, where they are missing or stale. Without
    /// them it guesses, and at a million conversations a guess like "walk every Pending row, then check the search"
    /// costs 200 ms where following the search costs 40. analysis_limit keeps each table's pass to a sample.</summary>
    public static async Task OptimiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", ct);
    }

    /// <summary>Creates or migrates the database, switches it to WAL and makes sure the default queue exists.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite && Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        await services.OptimiseDatabaseAsync(ct);

        if (!await db.Queues.AnyAsync(q => q.Slug == Queue.DefaultSlug, ct))
        {
            var clock = services.GetRequiredService<TimeProvider>();
            db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = "General", Slug = Queue.DefaultSlug, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DomainServices))
                .LogInformation("Created the default queue 'General' ({Slug})", Queue.DefaultSlug);
        }
    }
}
