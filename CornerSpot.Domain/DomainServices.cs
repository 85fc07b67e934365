using Microsoft.AspNetCore.DataProtection;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Search;
using CornerSpot.Domain.Settings;
using CornerSpot.Domain.Team;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Domain;

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
        // The web host persists the keys in the database; alone (tests, tools) the default key store serves.
        services.AddDataProtection();
        services.AddSingleton(sp => new PhoneNumberParser(
            sp.GetRequiredService<IConfiguration>()["Phones:DefaultRegion"] ?? "US"));
        services.AddSingleton<IInboxEvents, InProcessInboxEvents>();
        services.AddSingleton<WriteGate>();
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
        services.AddSingleton<ConversationSearch>();
        services.AddSingleton<InboxQuery>();
        services.AddSingleton<PendingCallbackCount>();
        services.AddSingleton<ConversationQuery>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<AgentSessions>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ConversationRetention>();
        services.AddSingleton<CustomerErasure>();
        return services;
    }
}
