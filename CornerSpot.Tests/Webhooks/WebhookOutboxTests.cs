using System.Data.Common;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Webhooks;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Webhooks;

/// <summary>The outbox as the callback writers fill it, on a real SQLite file (nothing is sent: no sender runs here).</summary>
public sealed class WebhookOutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DomainHarness> HarnessAsync(WebhookEventType events, Action<IServiceCollection>? configure = null)
    {
        var harness = await DomainHarness.CreateAsync(configure);
        var admin = await harness.StoredAgentAsync();
        var created = await harness.Get<WebhookEndpoints>().CreateAsync(admin, "https://crm.example.com/hooks", events, enabled: true, Ct);
        Assert.Null(created.Problem);
        return harness;
    }

    [Fact]
    public async Task A_callback_request_writes_one_message_per_subscribed_endpoint()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested);
        await harness.Get<WebhookEndpoints>().CreateAsync(Principals.Admin, "https://other.example.com/in",
            WebhookEventType.CallbackResolved, enabled: true, Ct);

        var result = await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Complete, null, Ct);

        await using var db = harness.Db();
        var message = await db.WebhookOutbox.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(WebhookEventType.CallbackRequested, message.EventType);
        Assert.Equal(((IntakeResult.Accepted)result).Receipt.Id, message.CallbackRequestId);
        Assert.Contains("\"phoneE164\":\"+442079460958\"", message.Payload);
    }

    [Fact]
    public async Task Chat_messages_and_the_resolution_are_sent_but_an_internal_note_is_not()
    {
        await using var harness = await HarnessAsync(WebhookEventType.ChatMessage | WebhookEventType.ConversationResolved);
        var chats = harness.Get<ChatConversations>();
        var chat = Assert.IsType<ChatResult.Started>(await chats.StartAsync(new ChatStart { Name = "Ada", Message = "Is my order shipped?" }, Ct));
        var grace = new CallingAgent("a-1", "Grace");

        await chats.ReplyAsync(chat.ConversationId, grace, "Yes, this morning.", isInternal: false, Ct);
        await chats.ReplyAsync(chat.ConversationId, grace, "Customer sounded upset", isInternal: true, Ct);
        await chats.ResolveAsync(chat.ConversationId, Ct);

        await using var db = harness.Db();
        var messages = await db.WebhookOutbox.AsNoTracking().ToListAsync(Ct);
        Assert.All(messages, m => Assert.Equal(chat.ConversationId, m.ConversationId));
        var sent = messages.Where(m => m.EventType == WebhookEventType.ChatMessage).Select(m => m.Payload).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Contains(sent, p => p.Contains("Is my order shipped?"));
        Assert.Contains(sent, p => p.Contains("Yes, this morning."));
        var resolved = Assert.Single(messages, m => m.EventType == WebhookEventType.ConversationResolved);
        Assert.Contains("\"status\":\"Resolved\"", resolved.Payload);
        Assert.DoesNotContain(messages, m => m.Payload.Contains("sounded upset"));
    }

    [Fact]
    public async Task A_failure_at_commit_leaves_neither_the_callback_nor_its_message()
    {
        var failingCommit = new FailingCommit();
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested, s => s.AddSingleton<IInterceptor>(failingCommit));
        failingCommit.Armed = true;

        await Assert.ThrowsAsync<SimulatedDbFailure>(() => harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct));

        await using var db = harness.Db();
        Assert.False(await db.CallbackRequests.AnyAsync(Ct));
        Assert.False(await db.WebhookOutbox.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_claim_that_loses_the_race_writes_no_message()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackClaimed);
        var id = ((IntakeResult.Accepted)await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct)).Receipt.Id;
        var work = harness.Get<CallbackWork>();

        await work.ClaimAsync(id, new CallingAgent("a-1", "Grace"), takeOver: false, Ct);
        var second = await work.ClaimAsync(id, new CallingAgent("a-2", "Alan"), takeOver: false, Ct);

        Assert.Equal(WorkStatus.ClaimedByOther, second.Status);
        await using var db = harness.Db();
        var message = await db.WebhookOutbox.AsNoTracking().SingleAsync(Ct);
        Assert.Contains("\"agentName\":\"Grace\"", message.Payload);
    }

    [Fact]
    public async Task A_visitors_cancellation_is_sent_as_callback_cancelled()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackCancelled | WebhookEventType.CallbackResolved);
        var id = ((IntakeResult.Accepted)await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct)).Receipt.Id;

        await harness.Get<CallbackWork>().CancelByVisitorAsync(id, Ct);

        await using var db = harness.Db();
        var message = await db.WebhookOutbox.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(WebhookEventType.CallbackCancelled, message.EventType);
        Assert.Contains("\"outcome\":\"CancelledByVisitor\"", message.Payload);
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_no_messages_once_saved()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested);
        var admin = Principals.Admin;
        var endpoints = harness.Get<WebhookEndpoints>();
        var endpoint = (await endpoints.ListAsync(admin, Ct)).Single();
        await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct);

        await endpoints.UpdateAsync(admin, endpoint.Id, endpoint.Url, endpoint.Events, enabled: false, Ct);
        await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal with { Phone = "020 7946 0959" }, null, Ct);

        await using var db = harness.Db();
        Assert.Equal(1, await db.WebhookOutbox.CountAsync(Ct));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_given_up_a_day_after_the_event()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested);
        await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct);
        var deliveries = harness.Get<WebhookDeliveries>();
        var failure = new WebhookSendResult(500, TimeSpan.FromMilliseconds(5), "The endpoint answered 500.");

        var attempts = 0;
        while (await deliveries.ClaimDueAsync("node-1", 10, Ct) is [var claim])
        {
            await deliveries.RecordAsync(claim, harness.Clock.GetUtcNow().UtcDateTime, failure, Ct);
            attempts++;
            harness.Clock.Advance(TimeSpan.FromHours(1));
        }

        await using var db = harness.Db();
        var message = await db.WebhookOutbox.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(WebhookMessageStatus.Failed, message.Status);
        Assert.InRange(attempts, 20, 30);
        Assert.Equal(attempts, await db.WebhookDeliveryAttempts.CountAsync(Ct));
    }

    [Fact]
    public async Task Two_nodes_claiming_at_once_take_each_message_once()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested);
        for (var i = 0; i < 10; i++)
            await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal with { Phone = $"+44 20 7946 {i:0000}" }, null, Ct);
        var deliveries = harness.Get<WebhookDeliveries>();

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() => deliveries.ClaimDueAsync($"node-{n}", 10, Ct))));

        var taken = claims.SelectMany(c => c).Select(c => c.MessageId).ToList();
        Assert.Equal(10, taken.Count);
        Assert.Equal(10, taken.Distinct().Count());
    }

    [Fact]
    public async Task Resend_is_for_admins_only()
    {
        await using var harness = await HarnessAsync(WebhookEventType.CallbackRequested);
        await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct);
        await using var db = harness.Db();
        var message = await db.WebhookOutbox.AsNoTracking().SingleAsync(Ct);
        var agent = await harness.StoredAgentAsync(Roles.Agent, id: "agent-1");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => harness.Get<WebhookDeliveries>().ResendAsync(agent, message.Id, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            harness.Get<WebhookEndpoints>().CreateAsync(agent, "https://crm.example.com/x", WebhookEventType.CallbackRequested, true, Ct));
    }

    /// <summary>Once armed (after the setup has committed), lets every command run, then fails the commit.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken ct = default) =>
            Armed ? throw new SimulatedDbFailure("Simulated failure at commit.") : ValueTask.FromResult(result);
    }

    private sealed class SimulatedDbFailure(string message) : DbException(message);
}
