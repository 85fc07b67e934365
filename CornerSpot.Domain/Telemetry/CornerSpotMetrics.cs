using System.Data.Common;
using System.Diagnostics.Metrics;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Telemetry;

/// <summary>
/// CornerSpot's own meter (<c>CornerSpot</c>): what a team lead or an on-call engineer asks of the running service.
/// Tags carry queue slugs and fixed words only, never anything a visitor typed.
/// </summary>
public sealed class CornerSpotMetrics
{
    public const string MeterName = "CornerSpot";

    /// <summary>How long one read of the pending counts serves: a scrape every few seconds costs one query at most this often.</summary>
    private static readonly TimeSpan PendingMaxAge = TimeSpan.FromSeconds(15);

    // Exporters' default buckets are milliseconds (up to 10 000); these durations are seconds, mostly well under one.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly IDbContextFactory<CornerSpotDb> _dbFactory;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _received;
    private readonly Counter<long> _resolved;
    private readonly Histogram<double> _intakeDuration;
    private readonly Histogram<double> _fanOutDuration;
    private readonly UpDownCounter<int> _openConsoles;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Lock _pendingGate = new();
    private PendingSnapshot? _pending;

    private sealed record PendingSnapshot(long ReadAt, Measurement<int>[] Measurements);

    public CornerSpotMetrics(IMeterFactory meterFactory, IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("cornerspot.callbacks.received", "{callback}",
            "Callback requests accepted from the widget (a repeat request from the same number counts, tagged repeat=true).");
        _resolved = meter.CreateCounter<long>("cornerspot.callbacks.resolved", "{callback}",
            "Callback requests resolved, by outcome.");
        meter.CreateObservableGauge("cornerspot.callbacks.pending", ObservePending, "{callback}",
            "Callback requests waiting for a call, per queue.");
        _intakeDuration = meter.CreateHistogram("cornerspot.intake.duration", "s",
            "Time to validate and store a callback submission, by result.", advice: SecondsBuckets);
        _fanOutDuration = meter.CreateHistogram("cornerspot.live.fan_out.duration", "s",
            "Time to hand one inbox event to every open console on this node.", advice: SecondsBuckets);
        _openConsoles = meter.CreateUpDownCounter<int>("cornerspot.consoles.open", "{console}",
            "Console tabs (Blazor circuits of signed-in agents) open on this node.");
        _webhookDeliveries = meter.CreateCounter<long>("cornerspot.webhooks.deliveries", "{delivery}",
            "Webhook delivery attempts, by result.");
    }

    public void CallbackReceived(string queue, bool repeat)
    {
        _received.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("repeat", repeat));
        ForgetPending();
    }

    /// <param name="outcome">Null for "Mark resolved" (recorded as <c>marked_resolved</c>).</param>
    public void CallbackResolved(string queue, CallbackOutcome? outcome)
    {
        _resolved.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));
        ForgetPending();
    }

    // The pending figure changed on this node: the next reader queries again instead of serving the cached one.
    private void ForgetPending()
    {
        lock (_pendingGate) _pending = null;
    }

    /// <param name="result">A fixed word: accepted, replayed, invalid, key_reused, callbacks_disabled.</param>
    public void IntakeCompleted(string result, TimeSpan elapsed) =>
        _intakeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", result));

    public void FanOutCompleted(string eventName, TimeSpan elapsed) =>
        _fanOutDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("event", eventName));

    /// <summary>+1 when a console opens, -1 when it closes.</summary>
    public void OpenConsolesChanged(int delta)
    {
        if (delta != 0) _openConsoles.Add(delta);
    }

    /// <param name="result">A fixed word such as delivered, failed, timed_out, refused.</param>
    public void WebhookDelivered(string result) =>
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("result", result));

    public static string OutcomeTag(CallbackOutcome? outcome) => outcome switch
    {
        null => "marked_resolved",
        CallbackOutcome.Reached => "reached",
        CallbackOutcome.WrongNumber => "wrong_number",
        CallbackOutcome.Unreachable => "unreachable",
        CallbackOutcome.CancelledByVisitor => "cancelled_by_visitor",
        _ => "other",
    };

    // Observable callbacks are synchronous and run on the exporter's thread (a scrape, the OTLP reader). One grouped
    // query, at most every PendingMaxAge, serves every queue and every reader in between.
    private IEnumerable<Measurement<int>> ObservePending()
    {
        lock (_pendingGate)
        {
            if (_pending is { } cached && _clock.GetElapsedTime(cached.ReadAt) < PendingMaxAge) return cached.Measurements;
            var readAt = _clock.GetTimestamp();
            try
            {
                using var db = _dbFactory.CreateDbContext();
                var counts = db.Queues.AsNoTracking().Where(q => !q.IsArchived)
                .Select(q => new
                {
                    q.Slug,
                    Pending = db.CallbackRequests.Count(c => c.Status == CallbackStatus.Pending && c.Conversation!.QueueId == q.Id),
                })
                .ToList();
                var measurements = counts.Select(c => new Measurement<int>(c.Pending, new KeyValuePair<string, object?>("queue", c.Slug))).ToArray();
                _pending = new PendingSnapshot(readAt, measurements);
                return measurements;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // The database is down: readiness reports that; the gauge reports nothing rather than a stale number.
                _pending = null;
                return [];
            }
        }
    }
}
