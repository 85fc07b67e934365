namespace CornerSpot.Domain.Audit;

/// <summary>
/// The client address of the request or circuit activity being served, for <see cref="AuditLog"/>. The web host
/// sets it per HTTP request and per inbound circuit activity (an async-local, as ASP.NET Core's docs do for
/// circuit services), so the domain services that record actions need no HTTP types and no extra parameter.
/// </summary>
public static class AuditOrigin
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? ClientAddress
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}
