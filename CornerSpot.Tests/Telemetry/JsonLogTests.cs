using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Telemetry;

/// <summary>The console as its own process with <c>Logging:Console:FormatterName=json</c>, as an operator would run it.</summary>
public sealed class JsonLogTests : IAsyncDisposable
{
    private readonly TempSqliteFile _file = new();
    private readonly ConsoleProcess _app;

    public JsonLogTests() => _app = new ConsoleProcess(_file.ConnectionString, new Dictionary<string, string>
    {
        ["Logging__Console__FormatterName"] = "json",
        ["Logging__LogLevel__Default"] = "Information",
    });

    // Complete but without a preferred window: the process runs on the real clock, the harness's times are past.
    private static readonly Domain.Callbacks.CallbackSubmission Visitor = Submissions.Minimal with
    {
        Email = "ada@example.com", Note = "Question about my invoice", PageUrl = "https://shop.example.com/pricing",
    };

    [Fact]
    public async Task A_request_logs_JSON_lines_carrying_the_callers_trace_id_and_no_visitor_input()
    {
        var ct = TestContext.Current.CancellationToken;
        var baseAddress = await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(90), ct);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        // No propagator: with an activity listener in this test process (the in-process apps' tracing), HttpClient would
        // replace the traceparent below with its own client span's, and the caller's trace id would never reach the app.
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks") { Content = JsonContent.Create(Visitor) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var line = await _app.OutputLineAsync(l => l.Contains("received for queue", StringComparison.Ordinal)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        var entry = JsonNode.Parse(line)!;
        Assert.Equal("CornerSpot.Domain.Callbacks.CallbackIntake", (string?)entry["Category"]);
        Assert.Equal("Information", (string?)entry["LogLevel"]);
        Assert.True(entry["Scopes"]!.AsArray().Any(scope => (string?)scope?["TraceId"] == traceId),
            $"No scope carries the caller's trace id {traceId}: {entry["Scopes"]!.ToJsonString()}");
        foreach (var typed in new[] { "Ada", "7946", "ada@example.com", "invoice", "shop.example.com" })
            Assert.DoesNotContain(typed, line, StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _file.Dispose();
    }
}
