namespace CornerSpot.Domain.Queues;

/// <summary>The open queue a submission goes to, as intake needs it.</summary>
/// <param name="AllowedCountries">The regions it calls, as stored (see <see cref="Queue.CountryList"/>); null for any.</param>
public sealed record QueueTarget(Guid Id, string Slug, string Name, bool CallbackEnabled, string? AllowedCountries = null);
