using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CornerSpot.Tests.Live;

public sealed class InProcessInboxEventsTests
{
    private readonly InProcessInboxEvents _feed = new(NullLogger<InProcessInboxEvents>.Instance, TestMetrics.Create(), TimeProvider.System);
    private static readonly CallbackRequested Event = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Ada", DomainHarness.Start.UtcDateTime);

    [Fact]
    public void A_subscriber_receives_what_is_published()
    {
        var received = new List<InboxEvent>();
        using var _ = _feed.Subscribe(e => { received.Add(e); return Task.CompletedTask; });

        _feed.Publish(Event);

        Assert.Equal([Event], received);
    }

    [Fact]
    public void A_disposed_subscription_receives_nothing_more()
    {
        var count = 0;
        var subscription = _feed.Subscribe(_ => { count++; return Task.CompletedTask; });
        _feed.Publish(Event);

        subscription.Dispose();
        subscription.Dispose();
        _feed.Publish(Event);

        Assert.Equal(1, count);
        Assert.Equal(0, _feed.SubscriberCount);
    }

    [Fact]
    public void A_throwing_subscriber_does_not_stop_the_others_or_the_publisher()
    {
        var received = 0;
        using var a = _feed.Subscribe(_ => throw new InvalidOperationException("dead circuit"));
        using var b = _feed.Subscribe(_ => Task.FromException(new InvalidOperationException("faulted")));
        using var c = _feed.Subscribe(_ => { received++; return Task.CompletedTask; });

        _feed.Publish(Event);

        Assert.Equal(1, received);
    }

    [Fact]
    public async Task A_slow_subscriber_does_not_hold_up_the_publisher_or_the_others()
    {
        var gate = new TaskCompletionSource();
        var fastGotIt = false;
        using var slow = _feed.Subscribe(async _ => await gate.Task);
        using var fast = _feed.Subscribe(_ => { fastGotIt = true; return Task.CompletedTask; });

        _feed.Publish(Event);

        Assert.True(fastGotIt);
        gate.SetResult();
        await Task.Yield();
    }

    [Fact]
    public async Task Subscribing_and_unsubscribing_concurrently_leaves_no_subscriber_behind()
    {
        var before = _feed.SubscriberCount;

        await Parallel.ForAsync(0, 1000, TestContext.Current.CancellationToken, (i, _) =>
        {
            using var s = _feed.Subscribe(_ => Task.CompletedTask);
            _feed.Publish(Event);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(before, _feed.SubscriberCount);
    }
}
