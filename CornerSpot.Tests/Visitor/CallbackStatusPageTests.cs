using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Visitor;

/// <summary>The visitor's own link, <c>/callback/{token}</c>, as a browser without JavaScript uses it.</summary>
public sealed class CallbackStatusPageTests : AppTest
{
    private const string Invalid = "This link is no longer valid";

    // DomainHarness.Start is Wed 25 Nov 2026 10:00 UTC; New York is UTC-5 then.
    private const string TomorrowMorningUtc = """{"start":"2026-11-26T14:00:00Z","end":"2026-11-26T16:00:00Z"}""";

    [Fact]
    public async Task The_page_shows_a_pending_request_with_its_window_in_the_visitors_time_zone()
    {
        var path = await SubmitAsync(timeZone: "America/New_York");

        var response = await Visitor().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains("Pending", html);
        Assert.Contains("Thu 26 Nov, 09:00–11:00", html);
        Assert.Contains("America/New York", html);
        Assert.Contains("Requested 25 Nov 2026, 05:00", html);
        Assert.Contains("general", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Change time", html);
        Assert.Contains("Cancel request", html);
    }

    [Fact]
    public async Task Without_a_known_time_zone_the_window_is_shown_in_UTC_and_says_so()
    {
        var path = await SubmitAsync(timeZone: null);

        var html = await TextAsync(Visitor(), path);

        Assert.Contains("Thu 26 Nov, 14:00–16:00", html);
        Assert.Contains("UTC (we don't know your time zone)", html);
    }

    [Theory]
    [InlineData("/callback/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/callback/too-short")]
    [InlineData("/callback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/callback/AAAAAAAAAAAAAAAAAAAA%2F%2F")]
    public async Task A_wrong_or_malformed_token_gets_404_this_link_is_no_longer_valid(string path)
    {
        await SubmitAsync();

        var response = await Visitor().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains(Invalid, html);
        Assert.DoesNotContain("Ada", html);
    }

    [Fact]
    public async Task A_link_to_a_request_resolved_more_than_30_days_ago_is_no_longer_valid()
    {
        var path = await SubmitAsync();
        var visitor = Visitor();
        await CancelAsync(visitor, path);

        App.Clock.Advance(CallbackLinks.ValidAfterResolution + TimeSpan.FromMinutes(1));
        var response = await visitor.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains(Invalid, html);
        Assert.DoesNotContain("Cancelled by visitor", html);
    }

    [Fact]
    public async Task The_page_is_not_indexed_and_sends_no_referrer()
    {
        var path = await SubmitAsync();

        var response = await Visitor().GetAsync(path, Ct);

        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_invalid_link_is_not_indexed_either()
    {
        var response = await Visitor().GetAsync("/callback/nope", Ct);

        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Changing_to_a_window_in_the_past_says_so_and_writes_nothing()
    {
        var path = await SubmitAsync(timeZone: "America/New_York");
        var before = await SnapshotAsync();

        var response = await ChangeAsync(Visitor(), path, "2026-11-24", "09:00", "11:00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((CallbackMessages.WindowPast), await HtmlAsync(response));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("", "09:00", "11:00")]
    [InlineData("2026-11-27", "", "11:00")]
    [InlineData("not a day", "09:00", "11:00")]
    public async Task Changing_with_a_missing_day_or_time_says_so_and_writes_nothing(string day, string from, string to)
    {
        var path = await SubmitAsync();
        var before = await SnapshotAsync();

        var response = await ChangeAsync(Visitor(), path, day, from, to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((CallbackMessages.WindowIncomplete), await HtmlAsync(response));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("2026-11-27", "11:00", "09:00", nameof(CallbackMessages.WindowOrder))]
    [InlineData("2027-01-10", "09:00", "11:00", nameof(CallbackMessages.WindowTooFar))]
    public async Task Changing_breaks_the_same_window_rules_as_the_API(string day, string from, string to, string rule)
    {
        var path = await SubmitAsync();
        var message = (string)typeof(CallbackMessages).GetField(rule)!.GetValue(null)!;

        var response = await ChangeAsync(Visitor(), path, day, from, to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((message), await HtmlAsync(response));
    }

    [Fact]
    public async Task A_valid_change_updates_the_window_in_UTC_and_records_the_activity()
    {
        var path = await SubmitAsync(timeZone: "America/New_York");
        var visitor = Visitor();

        var response = await ChangeAsync(visitor, path, "2026-11-27", "13:00", "14:30");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path, AppFactory.RedirectPath(response));
        await using var db = App.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(new DateTime(2026, 11, 27, 18, 0, 0), callback.PreferredStartUtc);
        Assert.Equal(new DateTime(2026, 11, 27, 19, 30, 0), callback.PreferredEndUtc);
        var activity = await db.CallbackActivities.Where(a => a.Kind == CallbackActivityKind.WindowChanged).SingleAsync(Ct);
        Assert.Null(activity.ActorId);
        var page = await TextAsync(visitor, response.Headers.Location!.OriginalString);
        Assert.Contains("Your new time is saved", page);
        Assert.Contains("Fri 27 Nov, 13:00–14:30", page);
    }

    [Fact]
    public async Task Cancel_asks_for_confirmation_first()
    {
        var path = await SubmitAsync();

        var html = await TextAsync(Visitor(), path + "?step=cancel");

        Assert.Contains("Cancel your callback request?", html);
        Assert.Contains("Yes, cancel it", html);
        Assert.Contains("Keep it", html);
        await using var db = App.Db();
        Assert.Equal(CallbackStatus.Pending, (await db.CallbackRequests.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task Cancelling_resolves_the_request_as_cancelled_by_visitor()
    {
        var path = await SubmitAsync();
        var visitor = Visitor();

        var response = await CancelAsync(visitor, path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = App.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(CallbackStatus.Resolved, callback.Status);
        Assert.Equal(CallbackOutcome.CancelledByVisitor, callback.Outcome);
        var page = await TextAsync(visitor, response.Headers.Location!.OriginalString);
        Assert.Contains("Your callback request is cancelled", page);
        Assert.Contains("Resolved", page);
        Assert.Contains("Cancelled by visitor", page);
        Assert.DoesNotContain("Change time", page);
    }

    [Fact]
    public async Task Cancelling_twice_says_it_is_already_cancelled_and_writes_nothing()
    {
        var path = await SubmitAsync();
        var visitor = Visitor();
        // Both confirmation pages were open (two tabs): the second "Yes, cancel it" arrives after the first.
        var secondTab = await visitor.GetStringAsync(path + "?step=cancel", Ct);
        await CancelAsync(visitor, path);
        var before = await SnapshotAsync();

        var response = await visitor.PostAsync(path + "?step=cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(secondTab), ["_handler"] = "cancel",
        }), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("This request is already cancelled. Nothing has changed.", await HtmlAsync(response));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Changing_a_cancelled_request_says_so_and_writes_nothing()
    {
        var path = await SubmitAsync();
        var visitor = Visitor();
        var changeTab = await visitor.GetStringAsync(path + "?step=change", Ct);
        await CancelAsync(visitor, path);
        var before = await SnapshotAsync();

        var response = await visitor.PostAsync(path + "?step=change", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(changeTab), ["_handler"] = "change-time",
            ["Change.Day"] = "2026-11-27", ["Change.From"] = "09:00", ["Change.To"] = "10:00",
        }), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already cancelled", await HtmlAsync(response));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        var path = await SubmitAsync();

        var response = await Visitor().PostAsync(path + "?step=cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "cancel" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = App.Db();
        Assert.Equal(CallbackStatus.Pending, (await db.CallbackRequests.SingleAsync(Ct)).Status);
    }

    private HttpClient Visitor() => App.CreateBrowserLikeClient();

    /// <summary>The page's text as a reader sees it (Razor encodes "–" and "'").</summary>
    private static async Task<string> HtmlAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    private static async Task<string> TextAsync(HttpClient client, string path) => await HtmlAsync(await client.GetAsync(path, Ct));

    /// <summary>Submits through the widget API; returns the path of the answer's status link.</summary>
    private async Task<string> SubmitAsync(string? timeZone = "Europe/London")
    {
        var zone = timeZone is null ? "" : $""","timeZone":"{timeZone}" """;
        var json = $$"""{"name":"Ada Lovelace","phone":"020 7946 0958","country":"GB","preferredWindow":{{TomorrowMorningUtc}}{{zone}}}""";
        var response = await Client.PostAsync("/api/widget/callbacks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Uri(body.GetProperty("statusUrl").GetString()!).AbsolutePath;
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient visitor, string path, string day, string from, string to) =>
        AppFactory.PostFormAsync(visitor, path + "?step=change", "change-time", new Dictionary<string, string>
        {
            ["Change.Day"] = day, ["Change.From"] = from, ["Change.To"] = to,
        });

    private static Task<HttpResponseMessage> CancelAsync(HttpClient visitor, string path) =>
        AppFactory.PostFormAsync(visitor, path + "?step=cancel", "cancel", new Dictionary<string, string>());

    /// <summary>Everything a visitor's step could write.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = App.Db();
        var callbacks = await db.CallbackRequests.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Status, c.Outcome, c.ResolvedAt, c.PreferredStartUtc, c.PreferredEndUtc }).ToListAsync(Ct);
        var activities = await db.CallbackActivities.CountAsync(Ct);
        var audit = await db.AuditEntries.CountAsync(Ct);
        return JsonSerializer.Serialize(new { callbacks, activities, audit });
    }
}
