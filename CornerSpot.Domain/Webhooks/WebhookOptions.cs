using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Webhooks;

/// <summary>The <c>Webhooks:*</c> settings.</summary>
public sealed record WebhookOptions
{
    /// <summary>Allows loopback, private, link-local and metadata targets (a receiver on this machine, tests).</summary>
    public bool AllowPrivateTargets { get; init; }
    /// <summary>Whether this node sends deliveries (every node may; the lease keeps them from sending one twice).</summary>
    public bool Deliver { get; init; } = true;
    /// <summary>The wait after the first failure; each later one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);
    /// <summary>After this long since the event, a message that still fails is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>How often a node looks for messages other nodes wrote (its own writes wake it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a claimed message is this node's; longer than a send can take, so it lapses only after a crash.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>The console's public address (https://console.example.com): payloads then carry a link to the conversation.</summary>
    public Uri? ConsoleUrl { get; init; }

    public static WebhookOptions From(IConfiguration config)
    {
        var s = config.GetSection("Webhooks");
        var defaults = new WebhookOptions();
        return new WebhookOptions
        {
            AllowPrivateTargets = s.GetValue("AllowPrivateTargets", false),
            Deliver = s.GetValue("Deliver", true),
            FirstRetryDelay = TimeSpan.FromSeconds(s.GetValue("FirstRetrySeconds", defaults.FirstRetryDelay.TotalSeconds)),
            MaxRetryDelay = TimeSpan.FromSeconds(s.GetValue("MaxRetrySeconds", defaults.MaxRetryDelay.TotalSeconds)),
            GiveUpAfter = TimeSpan.FromHours(s.GetValue("GiveUpHours", defaults.GiveUpAfter.TotalHours)),
            Timeout = TimeSpan.FromSeconds(s.GetValue("TimeoutSeconds", defaults.Timeout.TotalSeconds)),
            PollInterval = TimeSpan.FromSeconds(s.GetValue("PollSeconds", defaults.PollInterval.TotalSeconds)),
            ConsoleUrl = Addresses.HttpUrl.TryParse(s["ConsoleUrl"], out var url) ? url : null,
        };
    }

    /// <summary>When to try again after <paramref name="attemptsMade"/> failures; null when it is time to give up.</summary>
    public DateTime? NextAttemptAt(DateTime createdAt, int attemptsMade, DateTime now)
    {
        var doublings = Math.Clamp(attemptsMade - 1, 0, 30);
        var delay = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks * (1L << Math.Min(doublings, 20)), MaxRetryDelay.Ticks));
        var next = now + delay;
        return next > createdAt + GiveUpAfter ? null : next;
    }
}
