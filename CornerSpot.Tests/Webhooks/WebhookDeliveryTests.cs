using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Webhooks;
using CornerSpot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace CornerSpot.Tests.Webhooks;

/// <summary>The whole app sending to a receiver on this machine (private targets allowed, retries without waiting).</summary>
public sealed class WebhookDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> ToThisMachine = new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:FirstRetrySeconds"] = "0",
    };

    private static AppFactory App(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(ToThisMachine);
        foreach (var (key, value) in more) settings[key] = value;
        var app = new AppFactory(settings);
        // The receiver verifies the signature's timestamp against its own (real) clock.
        app.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        return app;
    }

    private static async Task<string> AddEndpointAsync(AppFactory app, string url, WebhookEventType events = WebhookEventType.CallbackRequested)
    {
        var created = await app.Services.GetRequiredService<WebhookEndpoints>().CreateAsync(await app.PrincipalAsync(), url, events, enabled: true, Ct);
        Assert.Null(created.Problem);
        return created.Secret!;
    }

    private static async Task<Guid> SubmitAsync(AppFactory app)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/widget/callbacks",
            new { name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", email = "ada@example.com" }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_callback_request_reaches_the_endpoint_signed_so_the_standard_verifier_accepts_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var secret = await AddEndpointAsync(app, receiver.Url());

        var callbackId = await SubmitAsync(app);

        var delivery = await receiver.NextAsync();
        new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal("callback.requested", json.RootElement.GetProperty("type").GetString());
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(callbackId, data.GetProperty("callbackId").GetGuid());
        Assert.Equal("+442079460958", data.GetProperty("customer").GetProperty("phoneE164").GetString());
        Assert.Equal("ada@example.com", data.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("general", data.GetProperty("queue").GetProperty("slug").GetString());
        Assert.StartsWith("v1,", delivery.Headers["webhook-signature"].ToString());
    }

    [Fact]
    public async Task A_delivery_tampered_with_on_the_way_fails_verification()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        var secret = await AddEndpointAsync(app, receiver.Url());

        await SubmitAsync(app);

        var delivery = await receiver.NextAsync();
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(secret).Verify(delivery.Body.Replace("Ada", "Eve"), delivery.Headers));
    }

    [Fact]
    public async Task A_delivery_answered_500_is_sent_again_with_the_same_id_and_both_attempts_are_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => n == 1 ? Results.StatusCode(500) : Results.NoContent());
        await using var app = App();
        var secret = await AddEndpointAsync(app, receiver.Url());

        await SubmitAsync(app);

        var first = await receiver.NextAsync();
        var second = await receiver.NextAsync();
        Assert.Equal(first.Headers["webhook-id"].ToString(), second.Headers["webhook-id"].ToString());
        new StandardWebhook(secret).Verify(second.Body, second.Headers);
        // The first attempt is recorded before the message can be claimed again.
        await using var db = app.Db();
        var logged = await db.WebhookDeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).FirstAsync(Ct);
        Assert.Equal((1, 500), (logged.Attempt, logged.StatusCode));
    }

    [Fact]
    public async Task A_message_written_before_a_stop_is_delivered_by_the_next_start_on_the_same_database()
    {
        using var file = new TempSqliteFile();
        await using var receiver = await WebhookReceiver.StartAsync();
        string secret;
        Guid callbackId;
        await using (var before = App(("ConnectionStrings:CornerSpot", file.ConnectionString), ("Webhooks:Deliver", "false")))
        {
            secret = await AddEndpointAsync(before, receiver.Url());
            callbackId = await SubmitAsync(before);
        }
        Assert.Equal(0, receiver.Count);

        await using var after = App(("ConnectionStrings:CornerSpot", file.ConnectionString));
        _ = after.Services; // starts the host, and with it the sender

        var delivery = await receiver.NextAsync();
        new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        Assert.Contains(callbackId.ToString(), delivery.Body);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync((n, _) => n == 1 ? Results.Redirect("/elsewhere") : Results.NoContent());
        await using var app = App();
        await AddEndpointAsync(app, receiver.Url());

        await SubmitAsync(app);

        Assert.Equal("/hooks", (await receiver.NextAsync()).Path);
        Assert.Equal("/hooks", (await receiver.NextAsync()).Path);
        await using var db = app.Db();
        var first = await db.WebhookDeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).FirstAsync(Ct);
        Assert.True(first.StatusCode == 302, first.Error);
    }

    [Fact]
    public async Task Claiming_an_agent_sends_callback_claimed_with_the_agents_name()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = App();
        await AddEndpointAsync(app, receiver.Url(), WebhookEventType.CallbackClaimed);
        var callbackId = await SubmitAsync(app);

        await app.Services.GetRequiredService<CallbackWork>().ClaimAsync(callbackId, new CallingAgent("agent-1", "Grace Hopper"), takeOver: false, Ct);

        var delivery = await receiver.NextAsync();
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal("callback.claimed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("Grace Hopper", json.RootElement.GetProperty("data").GetProperty("agentName").GetString());
    }
}
