using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CornerSpot.Domain.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>Every measurement of one app's <see cref="CornerSpotMetrics"/> meter (other apps in the test run have their own
/// meter factory and are not heard).</summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _measurements = new();

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public MeterRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CornerSpotMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
        // The meter is made with the metrics singleton; make sure it exists so its instruments are published now.
        services.GetRequiredService<CornerSpotMetrics>();
    }

    /// <summary>Reads the observable instruments (the pending gauge) once.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public IReadOnlyList<Recorded> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue(new Recorded(instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
