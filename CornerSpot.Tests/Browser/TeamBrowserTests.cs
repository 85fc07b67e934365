using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

public sealed class TeamBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CallingAgent[] Agents = [new("demo-maya", "Maya Chen"), new("demo-omar", "Omar Haddad"), new("demo-lena", "Lena Fischer")];

    /// <summary>Demo data plus a day of logged calls: some today, and two weeks of calls spread over the hours for the chart.</summary>
    private async Task SeedAsync()
    {
        var services = browser.App.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<CornerSpotDb>>();
        await new DemoData(dbFactory, clock).SeedAsync(80, null, Ct);
        var work = services.GetRequiredService<CallbackWork>();
        var intake = services.GetRequiredService<CallbackIntake>();
        string[] names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra"];
        for (var i = 0; i < names.Length; i++)
            await intake.SubmitAsync(new CallbackSubmission { Name = names[i], Phone = $"+44 20 7946 01{i:00}", Queue = i % 2 == 0 ? "sales" : "support" }, null, Ct);
        await using var db = await dbFactory.CreateDbContextAsync(Ct);
        var pending = await db.CallbackRequests.Where(c => c.Status == CallbackStatus.Pending).OrderBy(c => c.RequestedAt)
            .Select(c => c.Id).Take(16).ToListAsync(Ct);
        for (var i = 0; i < pending.Count; i++)
        {
            var agent = Agents[i % Agents.Length];
            if (i % 4 == 3) await work.ClaimAsync(pending[i], agent, takeOver: false, Ct);
            else await work.LogCallAsync(pending[i], agent, i % 3 == 0 ? CallOutcome.Reached : CallOutcome.NoAnswer, null, Ct);
        }
        var history = await db.CallbackRequests.Where(c => c.Status == CallbackStatus.Resolved).OrderBy(c => c.RequestedAt)
            .Select(c => c.Id).Take(120).ToListAsync(Ct);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < history.Count; i++)
        {
            var hour = 8 + i * 7 % 12; // 08:00–19:00 UTC; mornings and early evenings reach people best
            var at = now.Date.AddDays(-1 - i % 13).AddHours(hour).AddMinutes(i * 11 % 60);
            var reached = hour switch { < 10 => i % 5 != 0, < 13 => i % 2 == 0, < 17 => i % 3 == 0, _ => i % 4 != 0 };
            db.CallbackActivities.Add(new CallbackActivity
            {
                Id = Guid.CreateVersion7(), CallbackRequestId = history[i],
                Kind = reached ? CallbackActivityKind.Resolved : CallbackActivityKind.Attempted,
                CallOutcome = reached ? CallOutcome.Reached : CallOutcome.NoAnswer,
                ActorId = Agents[i % Agents.Length].Id, ActorName = Agents[i % Agents.Length].Name, At = at,
            });
        }
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task A_lead_sees_todays_funnel_agents_reach_by_hour_and_can_export()
    {
        await SeedAsync();

        var page = await browser.OpenAsync("/dashboard/team", width: 1366, height: 768);
        await Assertions.Expect(page.Locator("[data-testid=agents-today]")).ToContainTextAsync("Maya Chen");
        await Assertions.Expect(page.Locator("[data-testid=reach-by-hour] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=export-csv]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/dashboard/team/export\\.csv\\?from="));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("team-laptop.png"), FullPage = true });

        var phone = await browser.OpenAsync("/dashboard/team", width: 390, height: 844);
        await Assertions.Expect(phone.Locator("[data-testid=agents-today]")).ToContainTextAsync("Maya Chen");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath("team-phone.png"), FullPage = true });
    }
}
