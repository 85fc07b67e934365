using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CornerSpot.Bench.Harness;
using Microsoft.Playwright;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>POST acknowledged (201 back in the bench) → the visitor's row in the DOM of every open inbox page, in real
/// Chromium pages signed in as an agent, with 1, 5, 20 and 40 pages; against <see cref="PushBaseline"/> (a bare SignalR
/// hub broadcasting to the same number of pages), level by level in the same browser. The same arrivals give the
/// server's CPU per arrival at each level, and from those the cost of each additional open console.</summary>
public static class PushLatency
{
    private static readonly int[] Levels = [1, 5, 20, 40];
    /// <summary>The level the latency goal is about.</summary>
    private const int GoalPages = 20;
    private const int Warmup = 3;
    private const double GoalMs = 100;
    private const double GoalOverBaselineMs = 50;
    private const double GoalCpuPerConsoleMs = 0.5;

    /// <summary>Past the app's 150 ms coalescing window, so each submission is a lone arrival that refreshes at once.</summary>
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(350);

    private static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(15);

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var samples = options.Quick ? 6 : 20;
        var visitors = new Visitors();

        await using var app = BenchApp.Start(BenchPaths.FreshDatabase("push-app"));
        await using var baseline = await PushBaseline.StartAsync();
        await using var browser = await BrowserSession.LaunchAsync();
        var appContext = await browser.SignedInContextAsync(app.BaseAddress, BenchApp.AdminEmail, BenchApp.AdminPassword);
        var baselineContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseline.BaseAddress.ToString().TrimEnd('/') });
        baselineContext.SetDefaultTimeout(60_000);
        using var appClient = LoadRun.Client(app.BaseAddress, 1);
        using var baselineClient = LoadRun.Client(baseline.BaseAddress, 1);

        Task<DateTime> SubmitToApp(string name) => AckAsync(appClient, visitors.Next(name));
        Task<DateTime> SubmitToBaseline(string name) =>
            AckAsync(baselineClient, new HttpRequestMessage(HttpMethod.Post, "/callbacks") { Content = JsonContent.Create(new { name }) });

        var appPages = new List<IPage>();
        var baselinePages = new List<IPage>();
        var figures = new List<Level>();
        foreach (var (pages, i) in Levels.Select((p, i) => (p, i)))
        {
            await OpenPagesAsync(appContext, "/dashboard/chat/inbox", appPages, pages);
            await OpenPagesAsync(baselineContext, "/", baselinePages, pages);
            await Task.Delay(TimeSpan.FromSeconds(1)); // let the new circuits' first renders and JS imports finish

            // Alternate who goes first, so a noisy neighbour favours neither side.
            Series appLatencies, baselineLatencies;
            if (i % 2 == 0)
            {
                baselineLatencies = await MeasureAsync(baselinePages, SubmitToBaseline, $"Push baseline L{pages}", samples);
                appLatencies = await MeasureAsync(appPages, SubmitToApp, $"Push app L{pages}", samples);
            }
            else
            {
                appLatencies = await MeasureAsync(appPages, SubmitToApp, $"Push app L{pages}", samples);
                baselineLatencies = await MeasureAsync(baselinePages, SubmitToBaseline, $"Push baseline L{pages}", samples);
            }
            figures.Add(new Level(pages, appLatencies, baselineLatencies));
            Console.WriteLine($"   {pages} page(s): app p50 {Report.Ms(Stats.Median(appLatencies.FromAck))} p95 {Report.Ms(Stats.Percentile(appLatencies.FromAck, 95))} " +
                              $"(201 after {Report.Ms(Stats.Median(appLatencies.AckMs))}); baseline p50 {Report.Ms(Stats.Median(baselineLatencies.FromAck))} " +
                              $"p95 {Report.Ms(Stats.Percentile(baselineLatencies.FromAck, 95))} (201 after {Report.Ms(Stats.Median(baselineLatencies.AckMs))})");
        }

        await appContext.CloseAsync();
        await baselineContext.CloseAsync();

        var rows = figures.Select(f =>
        {
            var p95 = Stats.Percentile(f.App.FromAck, 95);
            var bp95 = Stats.Percentile(f.Baseline.FromAck, 95);
            var notes = $"p50 {Report.Ms(Stats.Median(f.App.FromAck))} vs {Report.Ms(Stats.Median(f.Baseline.FromAck))}; " +
                        $"201 itself after {Report.Ms(Stats.Median(f.App.AckMs))} vs {Report.Ms(Stats.Median(f.Baseline.AckMs))} (p50); {samples} arrivals × {f.Pages} page(s)";
            return f.Pages == GoalPages
                ? new MetricRow($"Push latency p95, {f.Pages} pages", Report.Ms(p95), Report.Ms(bp95), Report.X(p95 / bp95),
                    "≤ 100 ms and ≤ baseline + 50 ms", p95 <= GoalMs && p95 <= bp95 + GoalOverBaselineMs, notes)
                : new MetricRow($"Push latency p95, {f.Pages} page{(f.Pages == 1 ? "" : "s")}", Report.Ms(p95), Report.Ms(bp95), Report.X(p95 / bp95),
                    "—", null, notes);
        }).ToList();
        var top = figures.Single(f => f.Pages == GoalPages);
        var topPost = Stats.Percentile(top.App.FromPost, 95);
        var topBasePost = Stats.Percentile(top.Baseline.FromPost, 95);
        rows.Add(new MetricRow($"Push latency p95 from POST sent, {top.Pages} pages", Report.Ms(topPost), Report.Ms(topBasePost), Report.X(topPost / topBasePost),
            "—", null, "what a visitor-to-agent delay looks like: the 201 itself competes for the CPU with the open circuits' renders"));
        rows.AddRange(CpuRows(figures));

        List<GrowthPoint> growth =
        [
            .. figures.Select(f => new GrowthPoint(GrowthSeries.PushP95, f.Pages, Stats.Percentile(f.App.FromAck, 95))),
            .. figures.Select(f => new GrowthPoint(GrowthSeries.ServerCpuPerArrival, f.Pages, f.App.ServerCpu.TotalMilliseconds)),
        ];
        return new BenchResult("Push latency",
            rows,
            [
                "From the moment the 201 of `POST /api/widget/callbacks` is back in the bench (the system `TimeProvider`) to the moment the",
                "visitor's row (`[data-testid=conversation-row]` holding the name) is in the DOM of each open inbox page, read inside the",
                "page by a MutationObserver with `Date.now()` (same machine, same wall clock; DOM insertion, before paint). All pages are",
                "tabs of one Chromium context signed in as one agent, each its own circuit, opened at /dashboard/chat/inbox on a fresh",
                $"database that holds only the bench's arrivals. Arrivals are {Spacing.TotalMilliseconds:0} ms apart or more (past the 150 ms",
                $"coalescing window, so each is a lone arrival that re-queries at once), the next only after every page has shown the last;",
                $"{Warmup} unrecorded arrivals before each series. A percentile is over every (arrival, page) pair.",
                "",
                "The baseline is a bare SignalR hub in the bench (own Kestrel, JSON protocol, WebSockets): a POST to it broadcasts the name",
                "to all connected pages and then answers 201; each page (the @microsoft/signalr 10.0.11 browser client) prepends a row, timed",
                "the same way from the same 201. Levels run app and baseline one after the other, alternating who goes first.",
                "",
                "Besides 201 → row (the goal's measure) the table gives POST sent → row, POST sent → 201, and the CPU time used per",
                "arrival by this process (the server under test; the other server idles meanwhile) and by Chromium with Playwright's",
                "driver (read from /proc for this process's descendants only), from just before the POST to after every page showed it.",
                "A negative 201 → row means the row was in the page before the 201 was back in the bench.",
                "",
                "\"Server CPU per arrival per console\" is the least-squares slope of the server's CPU per arrival over the number of",
                $"open consoles ({string.Join(", ", Levels)}): what one more open console costs the server for each arrival. The",
                "bench's own work is in the same process: Playwright's client side, the same at every level (the intercept), and its",
                "read of each page after the arrival, which grows with the pages; the baseline's slope, measured the same way, shows what",
                "that read costs. The rows \"Server CPU per arrival, N consoles\" give each level's figure.",
                "",
                "| Side | Pages | 201 → row p50 / p95 / max | POST → row p50 / p95 | POST → 201 p50 / p95 | CPU per arrival: server / browser |",
                "|---|---|---|---|---|---|",
                .. figures.SelectMany(f => new[] { ("CornerSpot", f.App), ("Baseline", f.Baseline) }.Select(x =>
                    $"| {x.Item1} | {f.Pages} | {Report.Ms(Stats.Median(x.Item2.FromAck))} / {Report.Ms(Stats.Percentile(x.Item2.FromAck, 95))} / {Report.Ms(x.Item2.FromAck.Max())} | " +
                    $"{Report.Ms(Stats.Median(x.Item2.FromPost))} / {Report.Ms(Stats.Percentile(x.Item2.FromPost, 95))} | " +
                    $"{Report.Ms(Stats.Median(x.Item2.AckMs))} / {Report.Ms(Stats.Percentile(x.Item2.AckMs, 95))} | " +
                    $"{Report.Ms(x.Item2.ServerCpu.TotalMilliseconds)} / {Report.Ms(x.Item2.BrowserCpu.TotalMilliseconds)} |")),
            ],
            growth);
    }

    /// <summary>The marginal server CPU of one more open console per arrival (the goal), and each level's figure.</summary>
    private static IEnumerable<MetricRow> CpuRows(IReadOnlyList<Level> figures)
    {
        var points = figures.Select(f => ((double)f.Pages, f.App.ServerCpu.TotalMilliseconds)).ToList();
        var slope = Stats.Slope(points);
        var baseSlope = Stats.Slope(figures.Select(f => ((double)f.Pages, f.Baseline.ServerCpu.TotalMilliseconds)).ToList());
        yield return new MetricRow("Server CPU per arrival per console", Report.Ms(slope), Report.Ms(baseSlope), Report.X(slope / baseSlope),
            "each additional console ≤ 0.5 ms of server CPU per arrival", slope <= GoalCpuPerConsoleMs,
            "slope over " + string.Join(", ", figures.Select(f => $"{f.Pages}: {Report.Ms(f.App.ServerCpu.TotalMilliseconds)}")) + " (consoles: CPU per arrival)");
        foreach (var f in figures)
        {
            var perConsole = f.App.ServerCpu.TotalMilliseconds / f.Pages;
            yield return new MetricRow($"Server CPU per arrival, {f.Pages} console{(f.Pages == 1 ? "" : "s")}",
                Report.Ms(f.App.ServerCpu.TotalMilliseconds), Report.Ms(f.Baseline.ServerCpu.TotalMilliseconds),
                Report.X(f.App.ServerCpu.TotalMilliseconds / f.Baseline.ServerCpu.TotalMilliseconds), "—", null,
                $"{Report.Ms(perConsole)} per arrival per console");
        }
    }

    internal static async Task<DateTime> AckAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var ack = TimeProvider.System.GetUtcNow().UtcDateTime;
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}, not 201: {await response.Content.ReadAsStringAsync()}");
            return ack;
        }
    }

    internal static async Task OpenPagesAsync(IBrowserContext context, string path, List<IPage> pages, int target)
    {
        while (pages.Count < target)
        {
            // A few at a time: 20 circuits starting at once on two cores would measure the machine, not the app.
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(4, target - pages.Count)).Select(async _ =>
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await page.Locator("[data-interactive=true]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                await RowWatch.InstallAsync(page);
                return page;
            }));
            pages.AddRange(batch);
        }
    }

    /// <summary><paramref name="samples"/> lone arrivals, each timed on every page.</summary>
    internal static async Task<Series> MeasureAsync(IReadOnlyList<IPage> pages, Func<string, Task<DateTime>> submit, string prefix, int samples)
    {
        var fromAck = new List<double>(samples * pages.Count);
        var fromPost = new List<double>(samples * pages.Count);
        var acks = new List<double>(samples);
        TimeSpan ownCpu = default, childCpu = default;
        for (var s = 0; s < Warmup + samples; s++)
        {
            var name = $"{prefix} S{s:00}";
            var (own, children) = (ProcessCpu.Own(), ProcessCpu.Children());
            var posted = Stopwatch.GetTimestamp();
            var sent = RowWatch.UnixMs(TimeProvider.System.GetUtcNow().UtcDateTime);
            var ack = RowWatch.UnixMs(await submit(name));
            // Ask the pages only after the spacing: Playwright round trips during the push would load the machine under test.
            var rest = Spacing - Stopwatch.GetElapsedTime(posted);
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
            var seen = await Task.WhenAll(pages.Select(p => RowWatch.SeenAtAsync(p, name, RowTimeout)));
            if (s < Warmup) continue;
            (ownCpu, childCpu) = (ownCpu + ProcessCpu.Own() - own, childCpu + ProcessCpu.Children() - children);
            fromAck.AddRange(seen.Select(t => t - ack));
            fromPost.AddRange(seen.Select(t => t - sent));
            acks.Add(ack - sent);
        }
        return new Series(fromAck, fromPost, acks, ownCpu / samples, childCpu / samples);
    }

    /// <param name="FromAck">ms from the 201 to the row, per (arrival, page): the measure the goal is about.</param>
    /// <param name="FromPost">ms from sending the POST to the row, per (arrival, page).</param>
    /// <param name="AckMs">ms from sending the POST to its 201, per arrival.</param>
    /// <param name="ServerCpu">CPU per arrival in this process (the server under test; the other one idles meanwhile).</param>
    /// <param name="BrowserCpu">CPU per arrival in Chromium and Playwright's driver.</param>
    internal sealed record Series(List<double> FromAck, List<double> FromPost, List<double> AckMs, TimeSpan ServerCpu, TimeSpan BrowserCpu);

    private sealed record Level(int Pages, Series App, Series Baseline);
}
