using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Callbacks;

/// <remarks>On SQLite; <see cref="CallbackWorkOnPostgresTests"/> runs the same tests on PostgreSQL.</remarks>
public class CallbackWorkTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly CallingAgent Ada = new("agent-ada", "Ada Agent");
    private static readonly CallingAgent Ben = new("agent-ben", "Ben Agent");

    private DomainHarness _harness = null!;
    private RecordingInboxEvents _events = null!;
    private Guid _callback;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CallbackWork Work => _harness.Get<CallbackWork>();

    public async ValueTask InitializeAsync()
    {
        _events = new RecordingInboxEvents();
        _harness = await DomainHarness.CreateAsync(Provider, s => s.AddSingleton<IInboxEvents>(_events));
        _callback = Receipt(await _harness.Get<CallbackIntake>().SubmitAsync(
            Submissions.Minimal with { TimeZone = "Europe/London" }, null, Ct)).Id;
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static CallbackReceipt Receipt(IntakeResult result) => Assert.IsType<IntakeResult.Accepted>(result).Receipt;

    private async Task<CallbackRequest> StoredAsync()
    {
        await using var db = _harness.Db();
        return await db.CallbackRequests.Include(c => c.Activities).Include(c => c.Conversation).SingleAsync(c => c.Id == _callback, Ct);
    }

    [Fact]
    public async Task Two_agents_claiming_at_once_leave_one_claim_and_the_other_learns_who_is_calling()
    {
        var results = await Task.WhenAll(
            Task.Run(() => Work.ClaimAsync(_callback, Ada, takeOver: false, Ct)),
            Task.Run(() => Work.ClaimAsync(_callback, Ben, takeOver: false, Ct)));

        Assert.Single(results, r => r.Status == WorkStatus.Done);
        var loser = Assert.Single(results, r => r.Status == WorkStatus.ClaimedByOther);
        var stored = await StoredAsync();
        Assert.Equal(stored.ClaimedByName, loser.ClaimedByName);
        Assert.Single(stored.Activities, a => a.Kind == CallbackActivityKind.Claimed);
    }

    [Fact]
    public async Task A_claim_lapses_after_the_claim_minutes_and_anyone_may_call_again()
    {
        await Work.ClaimAsync(_callback, Ada, takeOver: false, Ct);
        Assert.Equal(WorkStatus.ClaimedByOther, (await Work.ClaimAsync(_callback, Ben, takeOver: false, Ct)).Status);

        _harness.Clock.Advance(Work.Options.ClaimDuration);

        Assert.Equal(WorkStatus.Done, (await Work.ClaimAsync(_callback, Ben, takeOver: false, Ct)).Status);
        Assert.Equal("agent-ben", (await StoredAsync()).ClaimedById);
    }

    [Fact]
    public async Task Taking_over_someone_s_claim_is_recorded_as_a_take_over()
    {
        await Work.ClaimAsync(_callback, Ada, takeOver: false, Ct);

        var result = await Work.ClaimAsync(_callback, Ben, takeOver: true, Ct);

        Assert.Equal(WorkStatus.Done, result.Status);
        var stored = await StoredAsync();
        Assert.Equal(("agent-ben", "Ben Agent"), (stored.ClaimedById, stored.ClaimedByName));
        Assert.Contains(stored.Activities, a => a.Kind == CallbackActivityKind.TakenOver && a.ActorName == "Ben Agent");
        Assert.Contains(_events.Published, e => e is CallbackUpdated { What: CallbackActivityKind.TakenOver });
    }

    [Fact]
    public async Task Only_the_claimer_can_release()
    {
        await Work.ClaimAsync(_callback, Ada, takeOver: false, Ct);

        Assert.Equal(WorkStatus.Stale, (await Work.ReleaseAsync(_callback, Ben, Ct)).Status);
        Assert.Equal(WorkStatus.Done, (await Work.ReleaseAsync(_callback, Ada, Ct)).Status);
        Assert.Null((await StoredAsync()).ClaimedById);
    }

    [Theory]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.LeftVoicemail)]
    [InlineData(CallOutcome.Busy)]
    public async Task An_unanswered_call_counts_an_attempt_releases_the_claim_and_sets_the_next_try(CallOutcome outcome)
    {
        await Work.ClaimAsync(_callback, Ada, takeOver: false, Ct);

        await Work.LogCallAsync(_callback, Ada, outcome, "  rang 8 times  ", Ct);

        var stored = await StoredAsync();
        Assert.Equal(CallbackStatus.Pending, stored.Status);
        Assert.Equal(1, stored.AttemptCount);
        Assert.Null(stored.ClaimedById);
        // Wednesday 10:00 UTC + 120 minutes: the queue is always open and it is noon in London.
        Assert.Equal(DomainHarness.Start.UtcDateTime.AddMinutes(120), stored.NextTryAt);
        var attempt = Assert.Single(stored.Activities, a => a.Kind == CallbackActivityKind.Attempted);
        Assert.Equal((outcome, "rang 8 times", "Ada Agent"), (attempt.CallOutcome!.Value, attempt.Note!, attempt.ActorName!));
    }

    [Theory]
    [InlineData(CallOutcome.Reached, CallbackOutcome.Reached)]
    [InlineData(CallOutcome.WrongNumber, CallbackOutcome.WrongNumber)]
    public async Task Reaching_the_visitor_or_a_wrong_number_resolves_with_that_outcome(CallOutcome call, CallbackOutcome expected)
    {
        await Work.LogCallAsync(_callback, Ada, call, null, Ct);

        var stored = await StoredAsync();
        Assert.Equal((CallbackStatus.Resolved, expected), (stored.Status, stored.Outcome!.Value));
        Assert.Equal(ConversationStatus.Resolved, stored.Conversation!.Status);
        Assert.Contains(_events.Published, e => e is CallbackResolved);
    }

    [Fact]
    public async Task Close_as_unreachable_waits_for_the_last_attempt()
    {
        for (var i = 0; i < Work.Options.MaxAttempts - 1; i++)
            await Work.LogCallAsync(_callback, Ada, CallOutcome.NoAnswer, null, Ct);
        Assert.Equal(WorkStatus.Stale, (await Work.CloseUnreachableAsync(_callback, Ada, Ct)).Status);

        await Work.LogCallAsync(_callback, Ada, CallOutcome.Busy, null, Ct);

        Assert.Equal(WorkStatus.Done, (await Work.CloseUnreachableAsync(_callback, Ada, Ct)).Status);
        var stored = await StoredAsync();
        Assert.Equal((CallbackStatus.Resolved, CallbackOutcome.Unreachable, 3), (stored.Status, stored.Outcome!.Value, stored.AttemptCount));
        Assert.Single(stored.Activities, a => a.Kind == CallbackActivityKind.ClosedUnreachable && a.ActorName == "Ada Agent");
    }

    [Fact]
    public async Task Reopen_makes_a_resolved_callback_pending_again_with_its_attempts_kept()
    {
        await Work.LogCallAsync(_callback, Ada, CallOutcome.NoAnswer, null, Ct);
        await Work.ResolveAsync(_callback, Ada, Ct);

        Assert.Equal(WorkStatus.Done, (await Work.ReopenAsync(_callback, Ben, Ct)).Status);

        var stored = await StoredAsync();
        Assert.Equal((CallbackStatus.Pending, (CallbackOutcome?)null, (DateTime?)null, 1), (stored.Status, stored.Outcome, stored.ResolvedAt, stored.AttemptCount));
        Assert.Equal(ConversationStatus.Pending, stored.Conversation!.Status);
        Assert.Equal(
            [CallbackActivityKind.Requested, CallbackActivityKind.Attempted, CallbackActivityKind.Resolved, CallbackActivityKind.Reopened],
            stored.Activities.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Kind));
        Assert.Equal(WorkStatus.Stale, (await Work.ReopenAsync(_callback, Ben, Ct)).Status);
    }

    [Fact]
    public async Task A_repeat_request_updates_the_pending_one_while_a_replay_repeats_the_first_answer()
    {
        var intake = _harness.Get<CallbackIntake>();
        var later = Submissions.Window(TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        _harness.Clock.Advance(TimeSpan.FromHours(1));

        var repeat = Assert.IsType<IntakeResult.Accepted>(await intake.SubmitAsync(
            Submissions.Minimal with { Note = "Still waiting", PreferredWindow = later }, "key-r", Ct));
        var replay = Assert.IsType<IntakeResult.Accepted>(await intake.SubmitAsync(
            Submissions.Minimal with { Note = "Still waiting", PreferredWindow = later }, "key-r", Ct));

        Assert.Equal((_callback, true, false), (repeat.Receipt.Id, repeat.Receipt.Repeat, repeat.Replayed));
        Assert.Equal((_callback, true, true), (replay.Receipt.Id, replay.Receipt.Repeat, replay.Replayed));
        Assert.Equal(repeat.StatusToken, replay.StatusToken);
        var stored = await StoredAsync();
        Assert.Equal(2, stored.RequestCount);
        Assert.Equal(later.Start!.Value.UtcDateTime, stored.PreferredStartUtc);
        Assert.Equal(DomainHarness.Start.UtcDateTime.AddHours(1), stored.LastRequestedAt);
        await using var db = _harness.Db();
        Assert.Equal(1, await db.CallbackRequests.CountAsync(Ct));
        Assert.Contains(await db.Messages.Where(m => m.ConversationId == stored.ConversationId).Select(m => m.Body).ToListAsync(Ct),
            body => body.EndsWith("Still waiting", StringComparison.Ordinal));
        Assert.Single(stored.Activities, a => a.Kind == CallbackActivityKind.RequestedAgain);
    }

    [Fact]
    public async Task The_same_number_in_another_queue_or_after_resolution_is_a_new_lead()
    {
        await _harness.QueueAsync("sales", "Sales");
        var intake = _harness.Get<CallbackIntake>();

        var otherQueue = Receipt(await intake.SubmitAsync(Submissions.Minimal with { Queue = "sales" }, null, Ct));
        await Work.ResolveAsync(_callback, Ada, Ct);
        var afterResolution = Receipt(await intake.SubmitAsync(Submissions.Minimal, null, Ct));

        Assert.False(otherQueue.Repeat);
        Assert.False(afterResolution.Repeat);
        Assert.Equal(3, new[] { _callback, otherQueue.Id, afterResolution.Id }.Distinct().Count());
    }

    [Fact]
    public async Task The_visitor_link_finds_its_request_and_a_wrong_or_expired_one_finds_nothing()
    {
        var accepted = Assert.IsType<IntakeResult.Accepted>(await _harness.Get<CallbackIntake>().SubmitAsync(
            Submissions.Minimal with { Name = "Grace Hopper", Phone = "+14155552671" }, null, Ct));
        var links = _harness.Get<CallbackLinks>();

        Assert.Equal(accepted.Receipt.Id, (await links.FindAsync(accepted.StatusToken, Ct))!.Id);
        Assert.Null(await links.FindAsync("A" + accepted.StatusToken![1..], Ct));
        Assert.Null(await links.FindAsync(accepted.StatusToken[..10], Ct));

        await Work.CancelByVisitorAsync(accepted.Receipt.Id, Ct);
        Assert.Equal(CallbackOutcome.CancelledByVisitor, (await links.FindAsync(accepted.StatusToken, Ct))!.Outcome);
        _harness.Clock.Advance(CallbackLinks.ValidAfterResolution + TimeSpan.FromMinutes(1));
        Assert.Null(await links.FindAsync(accepted.StatusToken, Ct));
    }

    [Fact]
    public async Task A_cancelled_request_cannot_be_cancelled_again_and_nothing_more_is_written()
    {
        Assert.Equal(WorkStatus.Done, (await Work.CancelByVisitorAsync(_callback, Ct)).Status);
        var activities = (await StoredAsync()).Activities.Count;

        Assert.Equal(WorkStatus.Stale, (await Work.CancelByVisitorAsync(_callback, Ct)).Status);

        Assert.Equal(activities, (await StoredAsync()).Activities.Count);
    }
}
