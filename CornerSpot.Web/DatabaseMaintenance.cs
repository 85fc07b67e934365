using CornerSpot.Domain.Persistence;

namespace CornerSpot.Web;

/// <summary>Refreshes SQLite's planner statistics every few hours while the console runs, as the tables grow
/// (SQLite's advice for long-running processes); the start-up migration step does it once at start.</summary>
public sealed class DatabaseMaintenance(IServiceProvider services, IConfiguration config, ILogger<DatabaseMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(config.GetValue("Database:OptimiseEveryHours", 6.0)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await services.OptimiseDatabaseAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Refreshing the database's query planner statistics failed; will try again later");
            }
        }
    }
}
