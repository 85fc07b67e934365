using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Telemetry;

[Collection(nameof(ProcessWideMeters))]
public sealed class ResolutionMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resolving_a_callback_counts_it_by_queue_and_outcome()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var receipt = await harness.CallbackAsync(Submissions.Minimal);
        using var recorder = new MeterRecorder(harness.Services);

        await harness.Get<CallbackWork>().LogCallAsync(receipt.Id, new CallingAgent("agent-1", "Grace Hopper"), CallOutcome.WrongNumber, null, Ct);

        var resolved = Assert.Single(recorder.Of("cornerspot.callbacks.resolved"));
        Assert.Equal("general", resolved.Tags["queue"]);
        Assert.Equal("wrong_number", resolved.Tags["outcome"]);
    }
}
