using CornerSpot.Tests.Support;
using CornerSpot.Web.Api;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>The API reference at /api/docs in a real Chromium, under the app's own Content-Security-Policy.</summary>
public sealed class ApiReferenceBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(1366, 800, "api-reference-laptop.png")]
    [InlineData(390, 844, "api-reference-phone.png")]
    public async Task The_API_reference_renders_every_widget_operation_from_this_server_alone(int width, int height, string screenshot)
    {
        var page = await browser.NewPageAsync(width, height);
        var elsewhere = new List<string>();
        var blocked = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
                lock (elsewhere) elsewhere.Add(r.Url);
        };
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (blocked) blocked.Add(m.Text);
        };

        // The reference is one 5 MB script: on a loaded machine its parse outlasts the default waits.
        await page.GotoAsync(ApiReference.DocsPath, new() { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CornerSpot widget API" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leave a callback request" })).ToBeVisibleAsync();
        // Further operations render as they scroll into view; the navigation names them all.
        await Assertions.Expect(page.GetByText("Is the team reachable now?").First).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath(screenshot) });
        Assert.Empty(elsewhere);
        Assert.Empty(blocked);
    }
}
