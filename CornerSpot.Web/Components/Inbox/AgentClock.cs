using System.Globalization;

namespace CornerSpot.Web.Components.Inbox;

/// <summary>The agent's time zone (from the browser) and the moment the view was rendered, for leaves that show times.</summary>
public sealed record AgentClock(TimeZoneInfo Zone, DateTimeOffset Now)
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static AgentClock Utc(TimeProvider clock) => new(TimeZoneInfo.Utc, clock.GetUtcNow());

    public string ZoneLabel => Label(Zone);

    public DateTime ToLocal(DateTime utc) => ToLocal(utc, Zone);

    /// <summary>"25 Nov 2026, 14:05" in the agent's time.</summary>
    public string Absolute(DateTime utc) => ToLocal(utc).ToString("d MMM yyyy, HH:mm", Culture);

    /// <summary>A compact stamp for lists: "14:05" today, "Mon" this week, "3 Nov" this year, else "3 Nov 2025".</summary>
    public string Short(DateTime utc)
    {
        var local = ToLocal(utc);
        var today = ToLocal(Now.UtcDateTime).Date;
        if (local.Date == today) return local.ToString("HH:mm", Culture);
        if (local.Date > today.AddDays(-6)) return local.ToString("ddd", Culture);
        return local.Year == today.Year ? local.ToString("d MMM", Culture) : local.ToString("d MMM yyyy", Culture);
    }

    /// <summary>"just now", "5 min ago", "3 h ago", "2 days ago", "6 weeks ago".</summary>
    public string Ago(DateTime utc)
    {
        var age = Now.UtcDateTime - utc;
        if (age < TimeSpan.FromMinutes(1)) return "just now";
        if (age < TimeSpan.FromHours(1)) return $"{(int)age.TotalMinutes} min ago";
        if (age < TimeSpan.FromDays(1)) return $"{(int)age.TotalHours} h ago";
        if (age < TimeSpan.FromDays(14)) return Plural((int)age.TotalDays, "day") + " ago";
        if (age < TimeSpan.FromDays(60)) return Plural((int)age.TotalDays / 7, "week") + " ago";
        if (age < TimeSpan.FromDays(730)) return Plural((int)(age.TotalDays / 30.4), "month") + " ago";
        return Plural((int)(age.TotalDays / 365.25), "year") + " ago";
    }

    /// <summary>"Thu 26 Nov, 09:00–11:00" (or both dates when the window spans midnight) in the given zone.</summary>
    public static string Window(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        var start = ToLocal(startUtc, zone);
        var end = ToLocal(endUtc, zone);
        return start.Date == end.Date
            ? $"{start.ToString("ddd d MMM, HH:mm", Culture)}–{end.ToString("HH:mm", Culture)}"
            : $"{start.ToString("ddd d MMM, HH:mm", Culture)} – {end.ToString("ddd d MMM, HH:mm", Culture)}";
    }

    /// <summary>"Thu 26 Nov, 14:00" in the given zone.</summary>
    public static string DayTime(DateTime utc, TimeZoneInfo zone) => ToLocal(utc, zone).ToString("ddd d MMM, HH:mm", Culture);

    /// <summary>"22:40" in the given zone right now.</summary>
    public string TimeIn(TimeZoneInfo zone) => ToLocal(Now.UtcDateTime, zone).ToString("HH:mm", Culture);

    /// <summary>"14:05, Thu 26 Nov" — the time somewhere else right now.</summary>
    public string NowIn(TimeZoneInfo zone) => ToLocal(Now.UtcDateTime, zone).ToString("HH:mm, ddd d MMM", Culture);

    public static TimeZoneInfo? FindZone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public static string Label(TimeZoneInfo zone) => zone.Id is "Etc/UTC" or "UTC" or "Etc/Universal" ? "UTC" : zone.Id.Replace('_', ' ');

    public static bool SameClock(TimeZoneInfo a, TimeZoneInfo b, DateTime utc) => a.GetUtcOffset(utc) == b.GetUtcOffset(utc);

    private static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
