namespace CornerSpot.Bench.Harness;

/// <summary>One measured point of a figure that grows with load, for the "How cost grows" table.</summary>
/// <param name="Series">What is measured; one of <see cref="GrowthSeries"/>'s names, so the outlook can find it.</param>
/// <param name="X">The load it was measured at (clients, consoles, conversations).</param>
/// <param name="Value">The figure, in <see cref="GrowthSeries.Unit"/>'s unit for the series.</param>
public sealed record GrowthPoint(string Series, double X, double Value);
