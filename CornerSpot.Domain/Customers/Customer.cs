namespace CornerSpot.Domain.Customers;

public sealed class Customer
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>E.164, the identity of a visitor across conversations. Null for a chat visitor who has not given one.</summary>
    public string? PhoneE164 { get; set; }
    public string? Email { get; set; }
    public string? TimeZone { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public string? LastPageUrl { get; set; }
}
