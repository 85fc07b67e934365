namespace CornerSpot.Domain.Phones;

/// <summary>A valid phone number: E.164, its ISO region ("GB") and whether it may be called back.</summary>
public sealed record ParsedPhoneNumber(string E164, string Region, bool IsCallable);
