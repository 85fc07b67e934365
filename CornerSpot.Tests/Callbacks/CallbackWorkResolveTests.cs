using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CornerSpot.Tests.Callbacks;

/// <remarks>On SQLite; <see cref="CallbackWorkResolveOnPostgresTests"/> runs the same tests on PostgreSQL.</remarks>
public class CallbackWorkResolveTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private readonly RecordingInboxEvents _events = new();
    private DomainHarness _harness = null!;
    private CallbackReceipt _receipt = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(Provider, s => s.Replace(ServiceDescriptor.Singleton<IInboxEvents>(_events)));
        _receipt = await _harness.CallbackAsync(new CallbackSubmission { Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB" });
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private CallbackWork Resolution => _harness.Get<CallbackWork>();

    [Fact]
    public async Task Resolving_records_who_and_when_and_resolves_the_conversation()
    {
        var outcome = await Resolution.ResolveAsync(_receipt.Id, new CallingAgent("agent-1", "Grace Hopper"), Ct);

        Assert.Equal(ResolutionOutcome.Resolved, outcome);
        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.Include(c => c.Conversation).SingleAsync(Ct);
        Assert.Equal(CallbackStatus.Resolved, callback.Status);
        Assert.Equal("agent-1", callback.ResolvedById);
        Assert.Equal("Grace Hopper", callback.ResolvedByName);
        Assert.Equal(_harness.Clock.GetUtcNow().UtcDateTime, callback.ResolvedAt);
        Assert.Equal(ConversationStatus.Resolved, callback.Conversation!.Status);
    }

    [Fact]
    public async Task Resolving_publishes_CallbackResolved_after_the_commit()
    {
        await Resolution.ResolveAsync(_receipt.Id, new CallingAgent("agent-1", "Grace Hopper"), Ct);

        var e = Assert.IsType<CallbackResolved>(Assert.Single(_events.Published.OfType<CallbackResolved>()));
        Assert.Equal(_receipt.Id, e.CallbackId);
        Assert.Equal(_receipt.ConversationId, e.ConversationId);
        Assert.Equal("Grace Hopper", e.ResolvedByName);
    }

    [Fact]
    public async Task Resolving_twice_records_one_resolution()
    {
        await Resolution.ResolveAsync(_receipt.Id, new CallingAgent("agent-1", "Grace Hopper"), Ct);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await Resolution.ResolveAsync(_receipt.Id, new CallingAgent("agent-2", "Alan Turing"), Ct);

        Assert.Equal(ResolutionOutcome.AlreadyResolved, second);
        await using var db = _harness.Db();
        Assert.Equal("Grace Hopper", (await db.CallbackRequests.SingleAsync(Ct)).ResolvedByName);
        Assert.Single(_events.Published.OfType<CallbackResolved>());
    }

    [Fact]
    public async Task Eight_agents_resolving_at_once_record_one_resolution_and_publish_one_event()
    {
        var agents = Enumerable.Range(1, 8).Select(i => new CallingAgent($"agent-{i}", $"Agent {i}")).ToArray();

        var outcomes = await Task.WhenAll(agents.Select(a => Task.Run(() => Resolution.ResolveAsync(_receipt.Id, a, Ct), Ct)));

        Assert.Single(outcomes, o => o == ResolutionOutcome.Resolved);
        Assert.Equal(7, outcomes.Count(o => o == ResolutionOutcome.AlreadyResolved));
        var published = Assert.Single(_events.Published.OfType<CallbackResolved>());
        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(CallbackStatus.Resolved, callback.Status);
        Assert.Equal(published.ResolvedByName, callback.ResolvedByName);
    }

    [Fact]
    public async Task An_anonymous_agent_is_recorded_as_an_agent()
    {
        await Resolution.ResolveAsync(_receipt.Id, new CallingAgent(null, " "), Ct);

        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Null(callback.ResolvedById);
        Assert.Equal("An agent", callback.ResolvedByName);
    }

    [Fact]
    public async Task An_unknown_callback_is_not_found_and_publishes_nothing()
    {
        var outcome = await Resolution.ResolveAsync(Guid.NewGuid(), new CallingAgent(null, "Grace"), Ct);

        Assert.Equal(ResolutionOutcome.NotFound, outcome);
        Assert.Empty(_events.Published.OfType<CallbackResolved>());
    }
}
