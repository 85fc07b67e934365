using System.Text.Json;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Retention;
using CornerSpot.Domain.Team;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Retention;

public sealed class ConversationRetentionTests : IAsyncLifetime
{
    private static readonly CallingAgent Grace = new("agent-1", "Grace Hopper");
    private DomainHarness _h = null!;
    private ConversationRetention Retention => _h.Get<ConversationRetention>();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await DomainHarness.CreateAsync();
        await _h.StoredAgentAsync();
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task KeepGeneralForAsync(int? days)
    {
        await using var db = _h.Db();
        var general = await db.Queues.SingleAsync(q => q.Slug == Queue.DefaultSlug, Ct);
        Assert.Null(await Retention.SetKeepResolvedDaysAsync(Principals.Admin, general.Id, days, Ct));
    }

    /// <summary>A callback reached on the first call, at the current (fake) time.</summary>
    private async Task<CallbackReceipt> ReachedCallbackAsync(string phone)
    {
        var receipt = await _h.CallbackAsync(Submissions.Minimal with { Phone = phone });
        Assert.Equal(WorkResult.Done, await _h.Get<CallbackWork>().LogCallAsync(receipt.Id, Grace, CallOutcome.Reached, null, Ct));
        return receipt;
    }

    private async Task<bool> ExistsAsync(CallbackReceipt receipt)
    {
        await using var db = _h.Db();
        return await db.Conversations.AnyAsync(c => c.Id == receipt.ConversationId, Ct);
    }

    private async Task<string> TeamFiguresAsync() =>
        JsonSerializer.Serialize(new { Overview = await _h.Get<TeamOverview>().GetAsync(Ct), Day = await _h.Get<TeamActivity>().GetAsync(Ct) });

    [Fact]
    public async Task Deletes_resolved_conversations_older_than_the_queue_keeps_them_with_everything_under_them()
    {
        await KeepGeneralForAsync(30);
        var old = await ReachedCallbackAsync("020 7946 0001");
        _h.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(1, await Retention.RunAsync(Ct));

        Assert.False(await ExistsAsync(old));
        await using var db = _h.Db();
        Assert.Equal(0, await db.Messages.CountAsync(Ct));
        Assert.Equal(0, await db.CallbackRequests.CountAsync(Ct));
        Assert.Equal(0, await db.CallbackActivities.CountAsync(Ct));
        Assert.Equal(0, await db.CallbackLinks.CountAsync(Ct));
        Assert.Equal(0, await db.Customers.CountAsync(Ct));
    }

    [Fact]
    public async Task Keeps_resolved_conversations_younger_than_the_period_and_unresolved_ones()
    {
        await KeepGeneralForAsync(30);
        var pending = await _h.CallbackAsync(Submissions.Minimal with { Phone = "020 7946 0002" });
        _h.Clock.Advance(TimeSpan.FromDays(2));
        var recent = await ReachedCallbackAsync("020 7946 0003");
        _h.Clock.Advance(TimeSpan.FromDays(29));

        Assert.Equal(0, await Retention.RunAsync(Ct));

        Assert.True(await ExistsAsync(pending));
        Assert.True(await ExistsAsync(recent));
    }

    [Fact]
    public async Task A_queue_without_a_period_keeps_everything()
    {
        var old = await ReachedCallbackAsync("020 7946 0004");
        _h.Clock.Advance(TimeSpan.FromDays(3000));

        Assert.Equal(0, await Retention.RunAsync(Ct));

        Assert.True(await ExistsAsync(old));
    }

    [Fact]
    public async Task The_team_figures_do_not_change_when_old_conversations_are_deleted()
    {
        await KeepGeneralForAsync(30);
        await ReachedCallbackAsync("020 7946 0005");
        _h.Clock.Advance(TimeSpan.FromDays(31));
        await ReachedCallbackAsync("020 7946 0006");
        await _h.CallbackAsync(Submissions.Minimal with { Phone = "020 7946 0007" });
        var before = await TeamFiguresAsync();

        Assert.Equal(1, await Retention.RunAsync(Ct));

        Assert.Equal(before, await TeamFiguresAsync());
    }

    [Fact]
    public async Task What_was_deleted_is_kept_as_counts_per_queue_and_day()
    {
        await KeepGeneralForAsync(30);
        var day = DateOnly.FromDateTime(_h.Clock.GetUtcNow().UtcDateTime);
        await ReachedCallbackAsync("020 7946 0008");
        var unanswered = await _h.CallbackAsync(Submissions.Minimal with { Phone = "020 7946 0009" });
        await _h.Get<CallbackWork>().LogCallAsync(unanswered.Id, Grace, CallOutcome.NoAnswer, null, Ct);
        await _h.Get<CallbackWork>().ResolveAsync(unanswered.Id, Grace, Ct);
        _h.Clock.Advance(TimeSpan.FromDays(31));

        await Retention.RunAsync(Ct);

        await using var db = _h.Db();
        var counts = await db.RetainedDayCounts.SingleAsync(Ct);
        Assert.Equal(day, counts.Day);
        Assert.Equal((2, 2, 1, 1, 2), (counts.Conversations, counts.Callbacks, counts.Reached, counts.MarkedResolved, counts.Attempts));
    }

    [Fact]
    public async Task A_run_that_deleted_something_is_audited_with_the_count_only()
    {
        await KeepGeneralForAsync(30);
        await ReachedCallbackAsync("020 7946 0010");
        _h.Clock.Advance(TimeSpan.FromDays(31));

        await Retention.RunAsync(Ct);
        await Retention.RunAsync(Ct);

        await using var db = _h.Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.RetentionRun, Ct);
        Assert.Equal("General", entry.Subject);
        Assert.Equal("Deleted 1 resolved conversation older than 30 days", entry.Detail);
    }

    [Fact]
    public async Task A_period_shorter_than_the_reports_window_is_refused()
    {
        await using var db = _h.Db();
        var general = await db.Queues.SingleAsync(q => q.Slug == Queue.DefaultSlug, Ct);

        var problem = await Retention.SetKeepResolvedDaysAsync(Principals.Admin, general.Id, 7, Ct);

        Assert.Equal("Keep resolved conversations for at least 30 days.", problem);
    }
}
