using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Persistence.Postgres;
using CornerSpot.Domain.Persistence.Sqlite;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Search;
using CornerSpot.Domain.Settings;
using CornerSpot.Domain.Team;
using CornerSpot.Domain.Telemetry;
using CornerSpot.Domain.Webhooks;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CornerSpot.Domain;

public static class DomainServices
{
    public const string ConnectionStringName = "CornerSpot";

    /// <param name="resolveDataSource">Turns a relative SQLite file path into the one to open.</param>
    public static IServiceCollection AddCornerSpotDomain(this IServiceCollection services, Func<string, string> resolveDataSource)
    {
        // Pooled: the intake path creates a context per query it runs, and pooled ones cost a reset, not a build.
        // Both databases are registered; the provider is read when the first context is made, so tests can swap it
        // (and the connection string) with UseSetting.
        services.AddPooledDbContextFactory<SqliteCornerSpotDb>((sp, o) =>
        {
            var csb = new SqliteConnectionStringBuilder(ConnectionString(sp));
            if (!Path.IsPathRooted(csb.DataSource) && csb.DataSource != ":memory:")
                csb.DataSource = resolveDataSource(csb.DataSource);
            // Interceptors registered in DI (diagnostics, fault injection in tests) join the built-in one.
            o.UseSqlite(csb.ToString())
                .AddInterceptors(new SqlitePragmas())
                .AddInterceptors(sp.GetServices<IInterceptor>())
                // Migrate's check for model changes without a migration builds a second, design-time model and diffs it
                // with the last snapshot at every start; MigrationsTests makes the same check in CI instead.
                .ConfigureWarnings(w => UnorderedCounts(w).Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddPooledDbContextFactory<PostgresCornerSpotDb>((sp, o) =>
            o.UseNpgsql(ConnectionString(sp)).AddInterceptors(sp.GetServices<IInterceptor>()).ConfigureWarnings(w => UnorderedCounts(w)));
        services.AddSingleton<IDbContextFactory<CornerSpotDb>>(sp => ProviderOf(sp.GetRequiredService<IConfiguration>()) switch
        {
            DatabaseProvider.Postgres => new CornerSpotDbFactory<PostgresCornerSpotDb>(sp.GetRequiredService<IDbContextFactory<PostgresCornerSpotDb>>()),
            _ => new CornerSpotDbFactory<SqliteCornerSpotDb>(sp.GetRequiredService<IDbContextFactory<SqliteCornerSpotDb>>()),
        });
        // For Identity and the data-protection key store, which ask for a context per scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CornerSpotDb>>().CreateDbContext());
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<CornerSpotMetrics>();
        // The web host persists the keys in the database; alone (tests, tools) the default key store serves.
        services.AddDataProtection();
        services.AddSingleton(sp => new PhoneNumberParser(
            sp.GetRequiredService<IConfiguration>()["Phones:DefaultRegion"] ?? "US"));
        services.AddSingleton<IInboxEvents, InProcessInboxEvents>();
        services.AddSingleton(sp => new WriteGate(ProviderOf(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<IValidator<CallbackSubmission>, CallbackSubmissionValidator>();
        services.AddSingleton<CallbackWriter>();
        services.AddSingleton<CallbackIntake>();
        services.AddSingleton<TeamOverview>();
        services.AddSingleton<TeamActivity>();
        services.AddSingleton<CallbackExport>();
        services.AddSingleton<WidgetSettingsStore>();
        services.AddSingleton<QueueAdministration>();
        services.AddSingleton<QueueStatusQuery>();
        services.AddSingleton(sp => CallbackOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<CallbackWork>();
        services.AddSingleton<CallbackLinks>();
        services.AddSingleton(sp => ChatOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IValidator<ChatStart>, ChatStartValidator>();
        services.TryAddSingleton<IChatMessageLimiter, LocalChatMessageLimiter>();
        services.AddSingleton<ChatConversations>();
        services.AddSingleton<ConversationSearch>();
        services.AddSingleton<InboxQuery>();
        services.AddSingleton<PendingCallbackCount>();
        services.AddSingleton<SharedInboxReads>();
        services.AddSingleton<ConversationQuery>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(sp => WebhookOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<ConversationRetention>();
        services.AddSingleton<CustomerErasure>();
        return services;
    }

    // InboxQuery counts "at most N" conversations with an unordered Take, where no order changes the count; EF would
    // warn of it once per query shape and start-up, in every log.
    private static WarningsConfigurationBuilder UnorderedCounts(WarningsConfigurationBuilder w) =>
        w.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug));

    /// <summary>The database named by <c>Database:Provider</c> (SQLite when unset).</summary>
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        config["Database:Provider"] is { Length: > 0 } name
            ? Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
                : throw new InvalidOperationException($"Database:Provider '{name}' is not one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.")
            : DatabaseProvider.Sqlite;

    private static string ConnectionString(IServiceProvider sp) =>
        sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
}
