using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Retention;

namespace CornerSpot.Web;

/// <summary>
/// Upkeep while the console runs, once an hour: forgets Idempotency-Keys older than <c>Widget:IdempotencyHours</c>
/// (48; a widget retries for far less), and every <c>Database:OptimiseEveryHours</c> (6) refreshes SQLite's planner
/// statistics as the tables grow (SQLite's advice for long-running processes; the start-up step does it once at start;
/// on PostgreSQL autovacuum keeps the statistics and <see cref="DatabaseSetup.OptimiseDatabaseAsync"/> does nothing),
/// and once a day (the first hour after start, then every <c>Retention:RunEveryHours</c>, 24) deletes resolved
/// conversations past their queue's retention period.
/// </summary>
public sealed class DatabaseMaintenance(
    IServiceProvider services, CallbackWriter writer, ChatConversations chats, ConversationRetention retention, IConfiguration config, TimeProvider clock, ILogger<DatabaseMaintenance> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var optimiseEvery = TimeSpan.FromHours(config.GetValue("Database:OptimiseEveryHours", 6.0));
        var keepKeys = TimeSpan.FromHours(config.GetValue("Widget:IdempotencyHours", 48.0));
        var retainEvery = TimeSpan.FromHours(config.GetValue("Retention:RunEveryHours", 24.0));
        var lastOptimised = clock.GetTimestamp();
        long? lastRetained = null;
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync("Forgetting old Idempotency-Keys", () =>
                writer.ForgetKeysStoredBeforeAsync(clock.GetUtcNow().UtcDateTime - keepKeys, stoppingToken), stoppingToken);
            await RunAsync("Forgetting old chat message keys", () =>
                chats.ForgetKeysStoredBeforeAsync(clock.GetUtcNow().UtcDateTime - keepKeys, stoppingToken), stoppingToken);
            if (lastRetained is not { } retained || clock.GetElapsedTime(retained) >= retainEvery)
            {
                lastRetained = clock.GetTimestamp();
                await RunAsync("Deleting resolved conversations past their retention period", () => retention.RunAsync(stoppingToken), stoppingToken);
            }
            if (clock.GetElapsedTime(lastOptimised) < optimiseEvery) continue;
            lastOptimised = clock.GetTimestamp();
            await RunAsync("Refreshing the database's query planner statistics", () => services.OptimiseDatabaseAsync(stoppingToken), stoppingToken);
        }
    }

    private async Task RunAsync(string what, Func<Task> job, CancellationToken stoppingToken)
    {
        try
        {
            await job();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "{What} failed; will try again later", what);
        }
    }
}
