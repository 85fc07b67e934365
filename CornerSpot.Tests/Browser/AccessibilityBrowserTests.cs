using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>axe-core (from the Deque.AxeCore.Playwright package, no network) on every console page, the visitor's status
/// page and the widget, in light and dark, at laptop and phone size; each page is also screenshotted.</summary>
public sealed class AccessibilityBrowserTests(BrowserApp browser, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<string> _problems = [];

    /// <summary>Runs axe on the page as it is now and notes any serious or critical violation, naming the elements;
    /// <see cref="AssertNoProblems"/> fails the test with all of them (one run shows every page's problems).</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var problems = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html}"))}")
            .ToList();
        foreach (var minor in result.Violations.Where(v => v.Impact is not ("serious" or "critical")))
            output.WriteLine($"{name}: {minor.Id} ({minor.Impact}) — not failing");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"a11y-{name}.png"), FullPage = true });
        _problems.AddRange(problems);
    }

    private void AssertNoProblems() => Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));

    private async Task<(Guid ConversationId, string StatusPath)> SubmitAsync(string name, string phone)
    {
        using var client = new HttpClient { BaseAddress = browser.App.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/widget/callbacks", new
        {
            name, phone, country = "GB", timeZone = "Europe/London", note = "Question about my invoice", email = "ada@example.com",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("conversationId").GetGuid(), new Uri(body.GetProperty("statusUrl").GetString()!).PathAndQuery);
    }

    private async Task<Guid> StartChatAsync(string name)
    {
        using var client = new HttpClient { BaseAddress = browser.App.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/widget/conversations", new { name, message = "Hello, is my order on its way?" }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid();
    }

    /// <summary>A different visitor for each look, so no request is a repeat of another.</summary>
    private static string Phone(string scheme, int width, int kind) => $"020 7946 {(scheme == "dark" ? 5 : 6)}{kind}{width % 100:00}";

    public static TheoryData<string, int, int> Looks => new()
    {
        { "light", 1366, 800 }, { "dark", 1366, 800 }, { "dark", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task Every_console_page_has_no_serious_or_critical_axe_violation(string scheme, int width, int height)
    {
        var look = $"{scheme}-{width}";
        var (conversation, statusPath) = await SubmitAsync($"Ada {look}", Phone(scheme, width, 0));
        var page = await browser.NewPageAsync(width, height);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });

        await page.GotoAsync("/account/login");
        await CheckAsync(page, $"sign-in-{look}");
        await BrowserApp.SignInAsync(page, "/dashboard/chat/inbox");
        await page.Locator("[data-testid=conversation-row]").First.WaitForAsync();
        await CheckAsync(page, $"inbox-{look}");

        await page.GotoAsync($"/dashboard/chat/inbox/{conversation}");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-testid=callback-card]").WaitForAsync();
        await CheckAsync(page, $"conversation-{look}");

        var chat = await StartChatAsync($"Lin {look}");
        await page.GotoAsync($"/dashboard/chat/inbox/{chat}");
        await page.Locator("[data-enter-sends=on]").WaitForAsync();
        await CheckAsync(page, $"chat-{look}");

        foreach (var (path, name) in new[]
                 {
                     ("/dashboard/team", "team"), ("/dashboard/settings", "settings"), ("/dashboard/settings/agents", "agents"),
                     ("/dashboard/settings/audit", "audit"), ("/dashboard/settings/webhooks", "webhooks"),
                 })
        {
            await page.GotoAsync(path);
            await page.Locator("[data-layout-interactive=true]").WaitForAsync();
            await Assertions.Expect(page.Locator(".mud-progress-linear, .mud-table-loading")).ToHaveCountAsync(0);
            await CheckAsync(page, $"{name}-{look}");
        }

        await page.GotoAsync("/account/change-password");
        await CheckAsync(page, $"change-password-{look}");

        var visitor = await browser.NewPageAsync(width, height);
        await visitor.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await visitor.GotoAsync(statusPath);
        await Assertions.Expect(visitor.Locator("[data-status]")).ToHaveTextAsync("Pending");
        await CheckAsync(visitor, $"visitor-status-{look}");
        await page.Context.CloseAsync();
        await visitor.Context.CloseAsync();
        AssertNoProblems();
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task The_widget_has_no_serious_or_critical_axe_violation_closed_open_and_thanked(string scheme, int width, int height)
    {
        var look = $"{scheme}-{width}";
        var page = await browser.NewPageAsync(width, height);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        // The callback form is offered when nobody is online; the console test's agent may still have a circuit open.
        await browser.EveryoneAwayAsync();
        await page.GotoAsync("/widget/demo");
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Contact us" });
        await launcher.WaitForAsync();
        await CheckAsync(page, $"widget-closed-{look}");

        await BrowserApp.OpenWidgetAsync(page, "form");
        var name = page.GetByLabel("Name", new() { Exact = true });
        await Assertions.Expect(name).ToBeFocusedAsync();
        await CheckAsync(page, $"widget-form-{look}");

        await name.FillAsync("Grace Hopper");
        await page.GetByLabel("Phone number").FillAsync(Phone(scheme, width, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Request a callback" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thanks! We’ll call you back." })).ToBeVisibleAsync();
        await CheckAsync(page, $"widget-thanks-{look}");
        await page.Context.CloseAsync();
        AssertNoProblems();
    }

    /// <summary>Waits until focus is on a control inside the dialog: MudBlazor's trap catches Tab on an edge sentinel and
    /// moves focus back in through the circuit, so focus may rest on the sentinel for a moment.</summary>
    private static Task FocusReturnsIntoDialogAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null", null, new() { Timeout = 5_000 });

    [Fact]
    public async Task The_log_call_dialog_keeps_keyboard_focus_inside_and_gives_it_back_to_its_button()
    {
        var (conversation, _) = await SubmitAsync("Hedy Lamarr", "020 7946 0777");
        var page = await browser.OpenAsync($"/dashboard/chat/inbox/{conversation}");
        var card = page.Locator("[data-testid=callback-card]");
        await card.GetByRole(AriaRole.Button, new() { Name = "I'm calling", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var logCall = card.Locator("[data-testid=log-call]");
        await logCall.FocusAsync();

        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.GetByText("How did the call to")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            await FocusReturnsIntoDialogAsync(page);
        }
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            await FocusReturnsIntoDialogAsync(page);
        }
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(logCall).ToBeFocusedAsync();
    }
}
