using System.Security.Claims;
using System.Text;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Audit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Queues;

public sealed record HoursRow(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

public sealed record QueueRow(Guid Id, string Name, string Slug, bool CallbackEnabled, string TimeZone, IReadOnlyList<HoursRow> Hours)
{
    /// <summary>Regions whose numbers the queue calls back; empty means any country.</summary>
    public IReadOnlyList<string> AllowedCountries { get; init; } = [];
    /// <summary>Days resolved conversations are kept; null is forever.</summary>
    public int? KeepResolvedDays { get; init; }
}

/// <summary>Admin changes to queues. Every call re-checks in the database that the acting user is an enabled Admin,
/// and is written to the audit trail.</summary>
public sealed class QueueAdministration(IDbContextFactory<CornerSpotDb> dbFactory, TimeProvider clock, AuditLog audit, IInboxEvents events)
{

    public async Task<IReadOnlyList<QueueRow>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = await db.Queues.AsNoTracking().Include(q => q.Hours).Where(q => !q.IsArchived).OrderBy(q => q.Name).ToListAsync(ct);
        return queues.Select(q => new QueueRow(q.Id, q.Name, q.Slug, q.CallbackEnabled, q.TimeZone,
            q.Hours.OrderBy(h => h.Day).ThenBy(h => h.Opens).Select(h => new HoursRow(h.Day, h.Opens, h.Closes)).ToList())
        {
            AllowedCountries = Queue.CountryList(q.AllowedCountries),
            KeepResolvedDays = q.KeepResolvedDays,
        }).ToList();
    }

    /// <returns>null when created; otherwise why not.</returns>
    public async Task<string?> CreateAsync(ClaimsPrincipal actor, string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (NameProblem(name) is { } problem) return problem;
        var slug = Slugify(name);
        if (slug.Length == 0) return "Use at least one letter or digit in the name.";
        if (await db.Queues.AnyAsync(q => q.Slug == slug, ct))
            return $"A queue with the address \"{slug}\" already exists (perhaps archived). Choose another name.";
        db.Queues.Add(new Queue { Id = Guid.CreateVersion7(), Name = name.Trim(), Slug = slug, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        events.Publish(new QueuesChanged());
        await audit.RecordAsync(AuditAction.QueueAdded, admin, name.Trim(), slug, ct);
        return null;
    }

    public async Task<string?> RenameAsync(ClaimsPrincipal actor, Guid id, string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (NameProblem(name) is { } problem) return problem;
        var before = await db.Queues.Where(q => q.Id == id).Select(q => q.Name).SingleOrDefaultAsync(ct);
        // The slug stays: it is already pasted into websites' embed snippets.
        var changed = await db.Queues.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Name, name.Trim()), ct);
        if (changed != 1) return "That queue no longer exists.";
        events.Publish(new QueuesChanged());
        await audit.RecordAsync(AuditAction.QueueRenamed, admin, name.Trim(), $"was {before}", ct);
        return null;
    }

    public async Task<string?> SetCallbackEnabledAsync(ClaimsPrincipal actor, Guid id, bool enabled, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        var changed = await db.Queues.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.CallbackEnabled, enabled), ct);
        if (changed != 1) return "That queue no longer exists.";
        events.Publish(new QueuesChanged());
        await audit.RecordAsync(AuditAction.CallbackFormChanged, admin, await QueueNameAsync(db, id, ct), enabled ? "on" : "off", ct);
        return null;
    }

    /// <summary>Which countries' numbers the queue calls back: ISO region codes separated by commas or spaces; empty for any.</summary>
    public async Task<string?> SetAllowedCountriesAsync(ClaimsPrincipal actor, Guid id, string text, CancellationToken ct)
    {
        var regions = text.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToUpperInvariant()).Distinct().ToList();
        if (regions.FirstOrDefault(r => !PhoneNumberParser.IsKnownRegion(r)) is { } bad)
            return $"\"{(bad.Length > 10 ? bad[..10] + "…" : bad)}\" is not a country code. Use two-letter codes such as GB, IE.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        var stored = regions.Count == 0 ? null : string.Join(',', regions);
        var changed = await db.Queues.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.AllowedCountries, stored), ct);
        if (changed != 1) return "That queue no longer exists.";
        events.Publish(new QueuesChanged());
        await audit.RecordAsync(AuditAction.QueueCountriesChanged, admin, await QueueNameAsync(db, id, ct), stored ?? "any", ct);
        return null;
    }

    /// <summary>Deletes a queue with no conversations; archives one with history so nothing is lost.</summary>
    public async Task<string?> RemoveAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (await db.Queues.SingleOrDefaultAsync(q => q.Id == id, ct) is not { } queue) return "That queue no longer exists.";
        if (queue.Slug == Queue.DefaultSlug) return "The default queue receives requests that name no queue; it cannot be removed.";
        if (await db.Conversations.AnyAsync(c => c.QueueId == id, ct))
        {
            queue.IsArchived = true;
            queue.CallbackEnabled = false;
        }
        else
            db.Queues.Remove(queue);
        await db.SaveChangesAsync(ct);
        events.Publish(new QueuesChanged());
        await audit.RecordAsync(AuditAction.QueueRemoved, admin, queue.Name, queue.IsArchived ? "archived" : "deleted", ct);
        return null;
    }

    /// <summary>Replaces the queue's business hours; no intervals means always open.</summary>
    public async Task<string?> SetHoursAsync(ClaimsPrincipal actor, Guid id, string timeZone, IReadOnlyList<HoursRow> hours, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.RequireAdminAsync(actor, ct);
        if (!TextRules.IsIanaTimeZone(timeZone)) return "Choose a time zone such as Europe/London.";
        if (hours.FirstOrDefault(h => h.Closes <= h.Opens) is { } bad)
            return $"{bad.Day}: the closing time must be after the opening time.";
        if (hours.GroupBy(h => h.Day).Any(g => Overlaps(g.OrderBy(h => h.Opens).ToList())))
            return "Opening hours on the same day overlap.";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Queues.SingleOrDefaultAsync(q => q.Id == id, ct) is not { } queue) return "That queue no longer exists.";
        queue.TimeZone = timeZone;
        await db.BusinessHours.Where(h => h.QueueId == id).ExecuteDeleteAsync(ct);
        db.BusinessHours.AddRange(hours.Select(h => new BusinessHours { QueueId = id, Day = h.Day, Opens = h.Opens, Closes = h.Closes }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(AuditAction.BusinessHoursChanged, admin, queue.Name, $"{hours.Count} interval(s), {timeZone}", ct);
        return null;
    }

    public static string Slugify(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if ((ch is ' ' or '-' or '_') && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > Queue.MaxSlugLength ? slug[..Queue.MaxSlugLength].Trim('-') : slug;
    }

    private static bool Overlaps(List<HoursRow> sorted) =>
        sorted.Zip(sorted.Skip(1)).Any(pair => pair.Second.Opens < pair.First.Closes);

    private static string? NameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "Enter a name for the queue."
        : name.Trim().Length > Queue.MaxNameLength ? $"Use at most {Queue.MaxNameLength} characters."
        : TextRules.HasForbiddenCharacters(name, allowLineBreaks: false) ? "The name contains characters that are not allowed."
        : null;

    private static Task<string?> QueueNameAsync(CornerSpotDb db, Guid id, CancellationToken ct) =>
        db.Queues.AsNoTracking().Where(q => q.Id == id).Select(q => q.Name).SingleOrDefaultAsync(ct);
}
