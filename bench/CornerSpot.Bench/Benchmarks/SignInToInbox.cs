using System.Diagnostics;
using CornerSpot.Bench.Harness;
using CornerSpot.Web.Demo;
using Microsoft.Playwright;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>From submitting the sign-in form to an interactive inbox (<c>[data-interactive=true]</c>, as the browser
/// tests wait for it), in real Chromium, with 100,000 conversations in the database.</summary>
public static class SignInToInbox
{
    private const double GoalP95Ms = 1_000;
    private const string InboxPath = "/dashboard/chat/inbox";

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var conversations = options.Quick ? 10_000 : 100_000;
        var signIns = options.Quick ? 3 : 10;
        var path = BenchPaths.FreshDatabase("signin");
        await using var app = BenchApp.Start(path);
        var seeding = Stopwatch.StartNew();
        var seeded = await ActivatorUtilities.CreateInstance<DemoData>(app.Services).SeedAsync(conversations, null, CancellationToken.None);
        Console.WriteLine($"   seeded {seeded.Conversations:N0} conversations in {seeding.Elapsed.TotalSeconds:0} s");

        await using var browser = await BrowserSession.LaunchAsync();
        // The first sign-in of a fresh process pays for JIT and the first circuit: measured, shown, not counted.
        var warmUp = await SignInOnceAsync(browser, app.BaseAddress);
        var samples = new List<(double Document, double Interactive)>();
        for (var i = 0; i < signIns; i++)
            samples.Add(await SignInOnceAsync(browser, app.BaseAddress));

        var interactive = samples.Select(s => s.Interactive).ToList();
        var p95 = Stats.Percentile(interactive, 95);
        return new BenchResult("Sign-in to interactive inbox",
            [new MetricRow("Sign-in to interactive inbox", $"p50 {Report.Ms(Stats.Median(interactive))} / p95 {Report.Ms(p95)}", "—", "—",
                "p95 ≤ 1,000 ms", p95 <= GoalP95Ms,
                $"{signIns} sign-ins, {seeded.Conversations:N0} conversations, Chromium; first (warm-up) sign-in {Report.Ms(warmUp.Interactive)}")],
            [
                $"The app in this process (BenchApp, Production) on a SQLite file seeded by the demo seeder with {seeded.Conversations:N0}",
                $"conversations ({seeded.Messages:N0} messages, {seeded.Callbacks:N0} callbacks) in {seeding.Elapsed.TotalSeconds:0} s. Each sign-in uses a",
                "new Chromium context (no cookies): the login page is opened and filled in, then the clock runs from the click on",
                "“Sign in” to the inbox's `[data-interactive=true]` (its circuit connected and the page rendered interactively),",
                "exactly what the browser tests wait for. “Document” is when the inbox's prerendered HTML had arrived.",
                $"A first sign-in on the fresh process ({Report.Ms(warmUp.Interactive)}) warms the JIT and is not counted.",
                "",
                "| Sign-in | Document | Interactive |",
                "|---|---|---|",
                .. samples.Select((s, i) => $"| {i + 1} | {Report.Ms(s.Document)} | {Report.Ms(s.Interactive)} |"),
            ]);
    }

    private static async Task<(double Document, double Interactive)> SignInOnceAsync(BrowserSession browser, Uri app)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ToString().TrimEnd('/'), Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(InboxPath)}");
        await page.GetByLabel("Email").FillAsync(BenchApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(BenchApp.AdminPassword);
        var signIn = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" });
        await signIn.WaitForAsync();

        var clock = Stopwatch.StartNew();
        await signIn.ClickAsync();
        await page.WaitForURLAsync($"**{InboxPath}", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        var document = clock.Elapsed.TotalMilliseconds;
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var interactive = clock.Elapsed.TotalMilliseconds;
        return (document, interactive);
    }
}
