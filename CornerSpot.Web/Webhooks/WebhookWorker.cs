using CornerSpot.Domain.Webhooks;

namespace CornerSpot.Web.Webhooks;

/// <summary>
/// Sends the outbox. Wakes when this node committed a message, when the soonest retry is due, and every
/// <see cref="WebhookOptions.PollInterval"/> for what other nodes wrote. A message is claimed with a lease before it is
/// sent, so a crash loses none (the lease lapses and any node sends it) and two nodes never send the same attempt.
/// </summary>
public sealed class WebhookWorker(
    WebhookDeliveries deliveries, WebhookSender sender, WebhookOutbox outbox, WebhookOptions options, TimeProvider clock,
    ILogger<WebhookWorker> log) : BackgroundService
{
    private const int MaxBatch = 16;
    private readonly string _owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!options.Deliver) return;
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            var written = outbox.NextWriteAsync();
            try
            {
                var claims = await deliveries.ClaimDueAsync(_owner, MaxBatch, stop);
                if (claims.Count > 0)
                {
                    await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stop },
                        async (claim, ct) =>
                        {
                            var at = clock.GetUtcNow().UtcDateTime;
                            var result = await sender.SendAsync(claim, ct);
                            await deliveries.RecordAsync(claim, at, result, CancellationToken.None);
                        });
                    continue;
                }
                var wait = options.PollInterval;
                if (await deliveries.NextDueAsync(stop) is { } due)
                {
                    var untilDue = due - clock.GetUtcNow().UtcDateTime;
                    if (untilDue <= TimeSpan.Zero) continue;
                    if (untilDue < wait) wait = untilDue;
                }
                await Task.WhenAny(written, Task.Delay(wait, clock, stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Webhook delivery failed; trying again shortly.");
                await Task.WhenAny(Task.Delay(options.PollInterval, clock, stop));
            }
        }
    }
}
