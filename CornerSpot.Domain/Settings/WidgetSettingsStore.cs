using System.Security.Claims;
using CornerSpot.Domain.Addresses;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Settings;

/// <summary>Reads and changes the widget settings; keeps the allowed origins in memory for every API call.</summary>
public sealed class WidgetSettingsStore(IDbContextFactory<CornerSpotDb> dbFactory, IConfiguration config, AuditLog audit)
{
    private volatile IReadOnlyList<string>? _origins;

    public async Task<IReadOnlyList<string>> GetAllowedOriginsAsync(CancellationToken ct)
    {
        if (_origins is { } cached) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.WidgetSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        // Until an admin saves the list, configuration decides (default: any site).
        return _origins = row is null
            ? config.GetSection("Widget:AllowedOrigins").Get<string[]>() ?? ["*"]
            : Split(row.AllowedOrigins);
    }

    /// <returns>null when saved; otherwise what is wrong with the list.</returns>
    public async Task<string?> SaveAllowedOriginsAsync(ClaimsPrincipal actor, string text, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        var origins = Split(text);
        if (origins.Count == 0) return "List at least one origin, or * for any site.";
        if (origins.FirstOrDefault(o => o != "*" && !IsOrigin(o)) is { } bad)
            return $"\"{bad}\" is not an origin. Write it as https://shop.example.com (scheme and host, no path).";

        var row = await db.WidgetSettings.SingleOrDefaultAsync(ct);
        if (row is null) db.WidgetSettings.Add(row = new WidgetSettings());
        row.AllowedOrigins = string.Join('\n', origins);
        await db.SaveChangesAsync(ct);
        _origins = origins;
        await audit.RecordAsync(AuditAction.AllowedOriginsChanged, admin, detail: row.AllowedOrigins.Replace('\n', ' '), ct: ct);
        return null;
    }

    private static List<string> Split(string text) =>
        text.Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool IsOrigin(string value) =>
        HttpUrl.TryParse(value, out var uri)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo) && value.Count(c => c == '/') == 2;
}
