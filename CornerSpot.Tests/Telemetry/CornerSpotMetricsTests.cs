using System.Net;
using System.Net.Http.Json;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Telemetry;

/// <summary>CornerSpot's own meter as the app records it.</summary>
[Collection(nameof(ProcessWideMeters))]
public sealed class CornerSpotMetricsTests : AppTest
{
    [Fact]
    public async Task A_submission_counts_one_callback_received_for_its_queue()
    {
        using var recorder = new MeterRecorder(App.Services);

        var response = await Client.PostAsJsonAsync("/api/widget/callbacks", Submissions.Minimal, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var received = Assert.Single(recorder.Of("cornerspot.callbacks.received"));
        Assert.Equal(1, received.Value);
        Assert.Equal("general", received.Tags["queue"]);
        Assert.Equal(false, received.Tags["repeat"]);
        Assert.Equal("accepted", Assert.Single(recorder.Of("cornerspot.intake.duration")).Tags["result"]);
        Assert.Equal("CallbackRequested", Assert.Single(recorder.Of("cornerspot.live.fan_out.duration")).Tags["event"]);
    }

    [Fact]
    public async Task A_rejected_submission_counts_no_callback_received()
    {
        using var recorder = new MeterRecorder(App.Services);

        var response = await Client.PostAsJsonAsync("/api/widget/callbacks", Submissions.Minimal with { Phone = "12" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(recorder.Of("cornerspot.callbacks.received"));
        Assert.Equal("invalid", Assert.Single(recorder.Of("cornerspot.intake.duration")).Tags["result"]);
    }

    [Fact]
    public async Task The_pending_gauge_counts_the_waiting_callbacks_of_each_queue()
    {
        await Client.PostAsJsonAsync("/api/widget/callbacks", Submissions.Minimal, Ct);
        await Client.PostAsJsonAsync("/api/widget/callbacks", Submissions.Minimal with { Phone = "020 7946 0959" }, Ct);
        using var recorder = new MeterRecorder(App.Services);

        recorder.Observe();

        var pending = Assert.Single(recorder.Of("cornerspot.callbacks.pending"));
        Assert.Equal(2, pending.Value);
        Assert.Equal("general", pending.Tags["queue"]);
    }
}
