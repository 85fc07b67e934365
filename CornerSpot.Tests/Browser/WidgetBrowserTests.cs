using CornerSpot.Domain.Live;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>A visitor on the demo page, in a real Chromium, against the app on a real port.</summary>
public sealed class WidgetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string CallbacksApi = "/api/widget/callbacks";
    private readonly KestrelApp _app = KestrelApp.Start();
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _posts = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await OpenBrowserAsync(new BrowserNewContextOptions { TimezoneId = "Europe/London" });

    private async Task OpenBrowserAsync(BrowserNewContextOptions options)
    {
        if (_context is not null) await _context.DisposeAsync();
        _context = await browser.NewContextAsync(options);
        _page = await _context.NewPageAsync();
        _page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith(CallbacksApi, StringComparison.Ordinal)) lock (_posts) _posts.Add(r.Url);
        };
        await _page.GotoAsync(_app.Url("/widget/demo"));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    private ILocator Launcher => _page.GetByRole(AriaRole.Button, new() { Name = "Contact us" });
    private ILocator NameField => _page.GetByLabel("Name", new() { Exact = true });
    private ILocator PhoneField => _page.GetByLabel("Phone number");
    private ILocator NoteField => _page.GetByLabel("Note (optional)");
    private ILocator Submit => _page.GetByRole(AriaRole.Button, new() { Name = "Request a callback" });
    private ILocator Confirmation => _page.GetByRole(AriaRole.Heading, new() { Name = "Thanks! We’ll call you back." });

    /// <summary>Opens the panel; focus moves to the first empty field.</summary>
    private async Task OpenFormAsync(ILocator? focused = null)
    {
        await Launcher.ClickAsync();
        await Assertions.Expect(focused ?? NameField).ToBeFocusedAsync();
    }

    private async Task FillRequiredAsync(string name = "Grace Hopper", string phone = "+44 20 7946 0958")
    {
        await NameField.FillAsync(name);
        await PhoneField.FillAsync(phone);
    }

    private async Task<int> CallbackCountAsync()
    {
        await using var db = _app.Db();
        return await db.CallbackRequests.CountAsync(Ct);
    }

    private async Task<string?> StoredPendingAsync() =>
        await _page.EvaluateAsync<string?>("() => localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('cornerspot.pending')) ?? '')");

    [Fact]
    public async Task Visitor_leaves_a_callback_with_a_window_and_a_note_and_sees_a_confirmation()
    {
        await OpenBrowserAsync(new BrowserNewContextOptions { TimezoneId = "America/New_York" });
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada" }).ClickAsync();
        await OpenFormAsync(focused: PhoneField);
        await Assertions.Expect(_page.GetByText("No one is free to chat right now")).ToBeVisibleAsync();
        await Assertions.Expect(NameField).ToHaveValueAsync("Ada Lovelace"); // from CornerSpot.identify

        await PhoneField.FillAsync("+44 20 7946 0958");
        await _page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tomorrow" });
        await _page.GetByLabel("From", new() { Exact = true }).FillAsync("09:00");
        await _page.GetByLabel("To", new() { Exact = true }).FillAsync("11:30");
        await NoteField.FillAsync("Question about my subscription");
        await Assertions.Expect(_page.GetByText("30 / 1000")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "widget-form-desktop");
        await Submit.ClickAsync();

        await Assertions.Expect(Confirmation).ToBeVisibleAsync();
        await Assertions.Expect(Confirmation).ToBeFocusedAsync();
        await using var db = _app.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        await Assertions.Expect(_page.GetByText($"Reference {callback.Id.ToString()[..8]}")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "widget-confirmation-desktop");

        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var tomorrow = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), newYork).Date.AddDays(1);
        Assert.Equal("Ada Lovelace", callback.Name);
        Assert.Equal("+442079460958", callback.PhoneE164);
        Assert.Equal("Question about my subscription", callback.Note);
        Assert.Equal("America/New_York", callback.VisitorTimeZone);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddHours(9), newYork), callback.PreferredStartUtc);
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddHours(11.5), newYork), callback.PreferredEndUtc);
        var customer = await db.Customers.SingleAsync(Ct);
        Assert.Equal("ada@example.com", customer.Email);
        Assert.Equal(_app.Url("/widget/demo"), customer.LastPageUrl);
        Assert.Null(await StoredPendingAsync());
    }

    [Fact]
    public async Task An_empty_name_is_refused_before_anything_is_sent()
    {
        await OpenFormAsync();
        await PhoneField.FillAsync("+44 20 7946 0958");

        await Submit.ClickAsync();

        await Assertions.Expect(_page.GetByText("Enter your name.")).ToBeVisibleAsync();
        await Assertions.Expect(NameField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(NameField).ToHaveAttributeAsync("aria-describedby", "cs-name-err");
        await Assertions.Expect(NameField).ToBeFocusedAsync();
        Assert.Empty(_posts);
        Assert.Equal(0, await CallbackCountAsync());
    }

    [Fact]
    public async Task A_double_click_on_submit_sends_one_request()
    {
        await OpenFormAsync();
        await FillRequiredAsync();

        await Submit.DblClickAsync();

        await Assertions.Expect(Confirmation).ToBeVisibleAsync();
        Assert.Single(_posts);
        Assert.Equal(1, await CallbackCountAsync());
    }

    [Fact]
    public async Task A_submission_made_offline_is_kept_and_sent_after_a_reload()
    {
        await OpenFormAsync();
        await FillRequiredAsync();
        await _context.SetOfflineAsync(true);

        await Submit.ClickAsync();

        await Assertions.Expect(_page.GetByRole(AriaRole.Dialog).GetByText("You seem to be offline.")).ToBeVisibleAsync();
        Assert.Contains("Grace Hopper", await StoredPendingAsync());
        Assert.Equal(0, await CallbackCountAsync());

        // Waiting on the network, not on the panel: whether the page being left or the reloaded one gets the 201 is a
        // race, and the confirmation of a copy resumed in the background has its own test below.
        var stored = _page.WaitForResponseAsync(r => r.Url.EndsWith("/api/widget/callbacks", StringComparison.Ordinal) && r.Status == 201,
            new() { Timeout = 20_000 });
        await _context.SetOfflineAsync(false);
        await _page.ReloadAsync();
        await stored;

        await _page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('cornerspot.pending:'))",
            null, new() { Timeout = 20_000 });
        await using var db = _app.Db();
        Assert.Equal("Grace Hopper", (await db.CallbackRequests.SingleAsync(Ct)).Name);
    }

    /// <summary>Puts unsent copies in this site's localStorage as an earlier page would have, saved that many hours ago.</summary>
    private async Task StoreUnsentCopiesAsync(params (string Name, string Phone, double HoursAgo)[] copies)
    {
        var items = copies.Select(c => new { c.Name, c.Phone, c.HoursAgo, Key = Guid.NewGuid().ToString() }).ToArray();
        await _page.EvaluateAsync("""
            items => localStorage.setItem('cornerspot.pending:' + location.origin, JSON.stringify(items.map(i => ({
              key: i.Key,
              body: { name: i.Name, phone: i.Phone, queue: 'general' },
              savedAt: new Date(Date.now() - i.HoursAgo * 3600e3).toISOString()
            }))))
            """, items);
    }

    [Fact]
    public async Task A_stored_copy_older_than_a_day_is_dropped_and_never_sent()
    {
        await StoreUnsentCopiesAsync(("Old Stranger", "+44 20 7946 0001", 25), ("Recent Visitor", "+44 20 7946 0002", 1));

        await _page.ReloadAsync();
        await Launcher.ClickAsync();

        await Assertions.Expect(Confirmation).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(_page.GetByText("An earlier request sent from this device has reached our team.")).ToBeVisibleAsync();
        Assert.Null(await StoredPendingAsync());
        await using var db = _app.Db();
        Assert.Equal(["Recent Visitor"], await db.CallbackRequests.Select(c => c.Name).ToListAsync(Ct));
        Assert.Single(_posts);
    }

    [Fact]
    public async Task A_stored_copy_is_sent_in_the_background_but_never_put_into_the_form()
    {
        var release = new TaskCompletionSource();
        await _page.RouteAsync("**" + CallbacksApi, async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await StoreUnsentCopiesAsync(("Stranger Danger", "+44 20 7946 0003", 2));

        try
        {
            await _page.ReloadAsync();
            await OpenFormAsync();

            await Assertions.Expect(NameField).ToHaveValueAsync("");
            await Assertions.Expect(PhoneField).ToHaveValueAsync("");
            await Assertions.Expect(Submit).ToBeEnabledAsync();
            await Assertions.Expect(_page.GetByText("7946 0003")).ToHaveCountAsync(0);
        }
        finally
        {
            release.TrySetResult();
        }

        await Assertions.Expect(Confirmation).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(_page.GetByText("7946 0003")).ToHaveCountAsync(0);
        Assert.Null(await StoredPendingAsync());
        await using var db = _app.Db();
        Assert.Equal("Stranger Danger", (await db.CallbackRequests.SingleAsync(Ct)).Name);
    }

    [Fact]
    public async Task The_widget_sends_the_page_address_without_its_query_or_fragment()
    {
        await _page.GotoAsync(_app.Url("/widget/demo?token=SECRET#access_token=T"));
        await OpenFormAsync();
        await FillRequiredAsync();

        var request = await _page.RunAndWaitForRequestAsync(() => Submit.ClickAsync(),
            r => r.Method == "POST" && r.Url.EndsWith(CallbacksApi, StringComparison.Ordinal));

        await Assertions.Expect(Confirmation).ToBeVisibleAsync();
        using var sent = System.Text.Json.JsonDocument.Parse(request.PostData!);
        Assert.Equal(_app.Url("/widget/demo"), sent.RootElement.GetProperty("pageUrl").GetString());
        Assert.DoesNotContain("SECRET", request.PostData);
        Assert.DoesNotContain("access_token", request.PostData);
    }

    [Fact]
    public async Task A_problem_the_server_finds_is_shown_next_to_its_field()
    {
        await OpenFormAsync();
        await FillRequiredAsync(phone: "+44 20 7946 095"); // plausible to the widget, too short for libphonenumber

        await Submit.ClickAsync();

        await Assertions.Expect(_page.GetByText("Enter a valid phone number, with the country code")).ToBeVisibleAsync();
        await Assertions.Expect(PhoneField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(PhoneField).ToBeFocusedAsync();
        await Assertions.Expect(Submit).ToBeEnabledAsync();
        Assert.Null(await StoredPendingAsync());
        Assert.Equal(0, await CallbackCountAsync());
    }

    [Fact]
    public async Task Escape_closes_the_panel_and_focus_returns_to_the_launcher()
    {
        await OpenFormAsync();
        await Assertions.Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");

        await _page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(NameField).ToBeHiddenAsync();
        await Assertions.Expect(Launcher).ToBeFocusedAsync();
        await Assertions.Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task On_a_phone_the_panel_takes_the_full_width()
    {
        await OpenBrowserAsync(new BrowserNewContextOptions
        {
            TimezoneId = "Europe/London", ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2,
            IsMobile = true, HasTouch = true,
        });
        await Launcher.ClickAsync();
        await FillRequiredAsync("Ada Lovelace", "020 7946 0958");
        await NoteField.FillAsync("Do you deliver to Brighton?");

        var panel = await _page.GetByRole(AriaRole.Dialog).BoundingBoxAsync();
        await Screenshots.SaveAsync(_page, "widget-form-phone");
        await Submit.ClickAsync();
        await Assertions.Expect(Confirmation).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "widget-confirmation-phone");

        Assert.Equal(390, panel!.Width, precision: 0);
        Assert.Equal(1, await CallbackCountAsync());
    }

    [Fact]
    public async Task A_server_error_is_retried_with_the_same_key_until_the_request_is_stored()
    {
        var keys = new List<string>();
        await _page.RouteAsync("**" + CallbacksApi, async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1) await route.FulfillAsync(new() { Status = 503, Body = "" });
            else await route.ContinueAsync();
        });
        await OpenFormAsync();
        await FillRequiredAsync();

        await Submit.ClickAsync();

        await Assertions.Expect(Confirmation).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(1, await CallbackCountAsync());
    }

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after_then_sends_the_same_request_and_forgets_it_once_stored()
    {
        var keys = new List<string>();
        await _page.RouteAsync("**" + CallbacksApi, async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (keys.Count == 1)
                await route.FulfillAsync(new()
                {
                    Status = 429, ContentType = "application/problem+json", Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
                    Body = """{"title":"Too many requests","status":429}""",
                });
            else await route.ContinueAsync();
        });
        await OpenFormAsync();
        await FillRequiredAsync();

        await Submit.ClickAsync();

        await Assertions.Expect(_page.GetByRole(AriaRole.Dialog).GetByText("Your request is saved and will be sent in 2 seconds."))
            .ToBeVisibleAsync();
        Assert.Contains("Grace Hopper", await StoredPendingAsync());
        await Assertions.Expect(Confirmation).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(1, await CallbackCountAsync());
        Assert.Null(await StoredPendingAsync());
    }

    [Fact]
    public async Task Callbacks_turned_off_after_the_form_opened_says_so()
    {
        await OpenFormAsync();
        await FillRequiredAsync();
        await using (var db = _app.Db())
            await db.Queues.ExecuteUpdateAsync(q => q.SetProperty(x => x.CallbackEnabled, false), Ct);
        _app.Services.GetRequiredService<IInboxEvents>().Publish(new QueuesChanged()); // as the admin page does

        await Submit.ClickAsync();

        await Assertions.Expect(_page.GetByRole(AriaRole.Dialog).GetByText("callback requests are turned off right now")).ToBeVisibleAsync();
        Assert.Equal(0, await CallbackCountAsync());
    }

    [Fact]
    public async Task A_queue_without_callbacks_and_no_one_online_shows_the_closed_message()
    {
        await using (var db = _app.Db())
            await db.Queues.ExecuteUpdateAsync(q => q.SetProperty(x => x.CallbackEnabled, false), Ct);
        _app.Services.GetRequiredService<IInboxEvents>().Publish(new QueuesChanged()); // as the admin page does

        await Launcher.ClickAsync();

        var closed = _page.GetByRole(AriaRole.Heading, new() { Name = "We’re closed right now" });
        await Assertions.Expect(closed).ToBeVisibleAsync();
        await Assertions.Expect(closed).ToBeFocusedAsync();
        await Assertions.Expect(NameField).ToBeHiddenAsync();
    }

    [Fact]
    public async Task With_an_agent_online_the_panel_is_a_chat_not_a_callback_form()
    {
        await using (var db = _app.Db())
        {
            var agent = new Domain.Agents.Agent { UserName = "ada@example.com", DisplayName = "Ada" };
            db.Users.Add(agent);
            await db.SaveChangesAsync(Ct);
            _app.Services.GetRequiredService<PresenceTracker>().CircuitOpened("circuit-1", agent.Id);
        }

        await Launcher.ClickAsync();

        await Assertions.Expect(_page.GetByPlaceholder("Type your message…")).ToBeFocusedAsync();
        await Assertions.Expect(Submit).ToBeHiddenAsync();
    }

}

/// <summary>Saves screenshots to the folder in CORNERSPOT_SCREENSHOTS (docs/screenshots when refreshing them); otherwise does nothing.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CORNERSPOT_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
