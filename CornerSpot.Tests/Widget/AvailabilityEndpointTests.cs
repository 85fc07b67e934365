using System.Net;
using CornerSpot.Domain.Agents;
using CornerSpot.Web.Presence;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Widget;

public sealed class AvailabilityEndpointTests : AppTest
{
    // AppFactory's clock starts on Wednesday 2026-11-25 10:00 UTC.
    private static readonly BusinessHours WednesdayMorningInLondon = new() { Day = DayOfWeek.Wednesday, Opens = new(9, 0), Closes = new(12, 0) };
    private static readonly BusinessHours WednesdayEveningInLondon = new() { Day = DayOfWeek.Wednesday, Opens = new(18, 0), Closes = new(22, 0) };


    private async Task AddQueueAsync(string slug, bool callbacks = true, bool archived = false, params BusinessHours[] hours)
    {
        await using var db = App.Db();
        db.Queues.Add(new Queue
        {
            Id = Guid.CreateVersion7(), Name = slug, Slug = slug, CallbackEnabled = callbacks, IsArchived = archived,
            TimeZone = "Europe/London",
            Hours = [.. hours.Select(h => new BusinessHours { Day = h.Day, Opens = h.Opens, Closes = h.Closes })],
        });
        await db.SaveChangesAsync(Ct);
    }

    private async Task SignInAgentWithConsoleOpenAsync(AgentPresence presence = AgentPresence.Online)
    {
        await using var db = App.Db();
        var agent = new Agent { UserName = "ada@example.com", Email = "ada@example.com", DisplayName = "Ada", Presence = presence };
        db.Users.Add(agent);
        await db.SaveChangesAsync(Ct);
        App.Services.GetRequiredService<PresenceTracker>().CircuitOpened("circuit-1", agent.Id);
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url, Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Outside_hours_with_callbacks_on_offers_the_callback_form_in_the_documented_shape()
    {
        await AddQueueAsync("support", hours: WednesdayEveningInLondon);

        var (status, contentType, body) = await GetAsync("/api/widget/availability?queue=support");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal("""{"queue":"support","agentsOnline":0,"withinBusinessHours":false,"callbackEnabled":true,"mode":"callback"}""", body);
    }

    [Fact]
    public async Task Without_a_queue_the_default_queue_answers()
    {
        var (status, _, body) = await GetAsync("/api/widget/availability");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"queue":"general","agentsOnline":0,"withinBusinessHours":true,"callbackEnabled":true,"mode":"callback"}""", body);
    }

    [Fact]
    public async Task An_available_agent_within_hours_means_chat()
    {
        await AddQueueAsync("support", hours: WednesdayMorningInLondon);
        await SignInAgentWithConsoleOpenAsync();

        var (_, _, body) = await GetAsync("/api/widget/availability?queue=support");

        Assert.Equal("""{"queue":"support","agentsOnline":1,"withinBusinessHours":true,"callbackEnabled":true,"mode":"chat"}""", body);
    }

    [Fact]
    public async Task An_available_agent_outside_hours_still_means_callback()
    {
        await AddQueueAsync("support", hours: WednesdayEveningInLondon);
        await SignInAgentWithConsoleOpenAsync();

        var (_, _, body) = await GetAsync("/api/widget/availability?queue=support");

        Assert.Equal("""{"queue":"support","agentsOnline":1,"withinBusinessHours":false,"callbackEnabled":true,"mode":"callback"}""", body);
    }

    [Fact]
    public async Task An_away_agent_within_hours_means_callback()
    {
        await AddQueueAsync("support", hours: WednesdayMorningInLondon);
        await SignInAgentWithConsoleOpenAsync(AgentPresence.Away);

        var (_, _, body) = await GetAsync("/api/widget/availability?queue=support");

        Assert.Equal("""{"queue":"support","agentsOnline":0,"withinBusinessHours":true,"callbackEnabled":true,"mode":"callback"}""", body);
    }

    [Fact]
    public async Task Hours_move_with_the_clock()
    {
        await AddQueueAsync("support", hours: WednesdayEveningInLondon);
        await SignInAgentWithConsoleOpenAsync();

        App.Clock.Advance(TimeSpan.FromHours(9)); // 19:00 in London

        var (_, _, body) = await GetAsync("/api/widget/availability?queue=support");
        Assert.Contains("\"mode\":\"chat\"", body);
    }

    [Fact]
    public async Task No_one_available_and_callbacks_off_means_closed()
    {
        await AddQueueAsync("sales", callbacks: false, hours: WednesdayEveningInLondon);

        var (_, _, body) = await GetAsync("/api/widget/availability?queue=sales");

        Assert.Equal("""{"queue":"sales","agentsOnline":0,"withinBusinessHours":false,"callbackEnabled":false,"mode":"closed"}""", body);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("archived")]
    public async Task Unknown_or_archived_queue_is_a_404_problem(string slug)
    {
        await AddQueueAsync("archived", archived: true);

        var (status, contentType, body) = await GetAsync($"/api/widget/availability?queue={slug}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("\"status\":404", body);
    }

    [Fact]
    public async Task The_answer_is_never_cached_and_any_website_may_read_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/widget/availability");
        request.Headers.Add("Origin", "https://shop.example.com");

        var response = await Client.SendAsync(request, Ct);

        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_cross_origin_preflight_for_a_callback_post_is_allowed()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/widget/callbacks");
        request.Headers.Add("Origin", "https://shop.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,idempotency-key");

        var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("Idempotency-Key", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }
}
