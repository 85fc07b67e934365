namespace CornerSpot.Tests.Telemetry;

/// <summary>
/// Metrics listeners (OpenTelemetry's reader, a <see cref="System.Diagnostics.Metrics.MeterListener"/>) pick meters by
/// name across the whole process, so an app running in a parallel test would add its own "CornerSpot" figures to what
/// these tests read. In production one process is one app; here the tests that read figures run alone.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMeters), DisableParallelization = true)]
public sealed class ProcessWideMeters;
