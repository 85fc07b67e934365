using System.Security.Claims;
using CornerSpot.Domain.Addresses;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Domain.Settings;

/// <summary>Reads and changes the widget settings; keeps the allowed origins in memory for every API call until a
/// <see cref="WidgetOriginsChanged"/> event (from this node or, relayed, from another) says they changed.</summary>
public sealed class WidgetSettingsStore : IDisposable
{
    private readonly IDbContextFactory<CornerSpotDb> _dbFactory;
    private readonly IConfiguration _config;
    private readonly AuditLog _audit;
    private readonly IInboxEvents _events;
    private readonly IDisposable _subscription;
    private long _changes;
    private volatile Cached? _origins;

    private sealed record Cached(long Changes, IReadOnlyList<string> Origins);

    public WidgetSettingsStore(IDbContextFactory<CornerSpotDb> dbFactory, IConfiguration config, AuditLog audit, IInboxEvents events)
    {
        _dbFactory = dbFactory;
        _config = config;
        _audit = audit;
        _events = events;
        _subscription = events.Subscribe(e =>
        {
            if (e is WidgetOriginsChanged or ReconcileRequested) Interlocked.Increment(ref _changes);
            return Task.CompletedTask;
        });
    }

    public async Task<IReadOnlyList<string>> GetAllowedOriginsAsync(CancellationToken ct)
    {
        var changes = Interlocked.Read(ref _changes);
        if (_origins is { } cached && cached.Changes == changes) return cached.Origins;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var row = await db.WidgetSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        // Until an admin saves the list, configuration decides (default: any site).
        IReadOnlyList<string> origins = row is null
            ? _config.GetSection("Widget:AllowedOrigins").Get<string[]>() ?? ["*"]
            : Split(row.AllowedOrigins);
        // A change during the read may not be in it: then this list answers its caller but is not kept.
        if (Interlocked.Read(ref _changes) == changes) _origins = new Cached(changes, origins);
        return origins;
    }

    /// <returns>null when saved; otherwise what is wrong with the list.</returns>
    public async Task<string?> SaveAllowedOriginsAsync(ClaimsPrincipal actor, string text, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        var origins = Split(text);
        if (origins.Count == 0) return "List at least one origin, or * for any site.";
        if (origins.FirstOrDefault(o => o != "*" && !IsOrigin(o)) is { } bad)
            return $"\"{bad}\" is not an origin. Write it as https://shop.example.com (scheme and host, no path).";

        var row = await db.WidgetSettings.SingleOrDefaultAsync(ct);
        if (row is null) db.WidgetSettings.Add(row = new WidgetSettings());
        row.AllowedOrigins = string.Join('\n', origins);
        await db.SaveChangesAsync(ct);
        _events.Publish(new WidgetOriginsChanged());
        await _audit.RecordAsync(AuditAction.AllowedOriginsChanged, admin, detail: row.AllowedOrigins.Replace('\n', ' '), ct: ct);
        return null;
    }

    public void Dispose() => _subscription.Dispose();

    private static List<string> Split(string text) =>
        text.Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static bool IsOrigin(string value) =>
        HttpUrl.TryParse(value, out var uri)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo) && value.Count(c => c == '/') == 2;
}
