namespace CornerSpot.Domain.Queues;

public sealed class Queue
{
    public const string DefaultSlug = "general";
    public const int MaxSlugLength = 40;
    public const int MaxNameLength = 80;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public bool CallbackEnabled { get; set; } = true;
    public bool IsArchived { get; set; }
    /// <summary>IANA id the business hours are expressed in.</summary>
    public string TimeZone { get; set; } = "UTC";
    public DateTime CreatedAt { get; set; }
    /// <summary>ISO regions whose numbers this queue calls back, "GB,IE"; null means any country.</summary>
    public string? AllowedCountries { get; set; }
    public List<BusinessHours> Hours { get; set; } = [];
    /// <summary>Resolved conversations are deleted this many days after their last activity; null keeps them forever.</summary>
    public int? KeepResolvedDays { get; set; }

    public static IReadOnlyList<string> CountryList(string? allowedCountries) =>
        allowedCountries?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

/// <summary>One opening interval on one weekday, in the queue's time zone. No rows means always open.</summary>
public sealed class BusinessHours
{
    public int Id { get; set; }
    public Guid QueueId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}
