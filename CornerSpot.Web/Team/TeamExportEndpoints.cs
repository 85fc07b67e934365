using System.Globalization;
using CornerSpot.Domain.Team;
using CornerSpot.Web.Agents;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace CornerSpot.Web.Team;

/// <summary>"Export CSV" on the team page: the callbacks of a range of days, for leads and admins.</summary>
public static class TeamExportEndpoints
{
    public const string Path = "/dashboard/team/export.csv";
    private const string DateFormat = "yyyy-MM-dd";
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The export link: <c>/dashboard/team/export.csv?from=2026-11-01&amp;to=2026-11-30&amp;queue=sales</c>.</summary>
    public static string Uri(DateOnly from, DateOnly to, string? queue)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = from.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["to"] = to.ToString(DateFormat, CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(queue)) query["queue"] = queue;
        return QueryHelpers.AddQueryString(Path, query);
    }

    public static IEndpointRouteBuilder MapTeamExport(this IEndpointRouteBuilder app)
    {
        // A link a lead clicks in the browser: a signed-out or non-lead user gets the sign-in or access-denied page,
        // not the bare 401/403 that .NET 10 answers for API endpoints.
        app.MapGet(Path, ExportAsync).RequireAuthorization(AgentIdentity.LeadPolicy).AllowCookieRedirect();
        return app;
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportAsync(
        string? from, string? to, string? queue, CallbackExport export, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = ReadDay(from, "from", errors);
        var toDay = ReadDay(to, "to", errors);
        if (errors.Count == 0 && toDay < fromDay) errors["to"] = ["The last day is before the first day."];
        if (errors.Count == 0 && toDay.DayNumber - fromDay.DayNumber >= CallbackExport.MaxDays)
            errors["to"] = [$"Export at most {CallbackExport.MaxDays} days at a time."];
        queue = string.IsNullOrWhiteSpace(queue) ? null : queue.Trim();
        var rows = errors.Count == 0 ? await export.ListAsync(fromDay, toDay, queue, ct) : null;
        if (errors.Count == 0 && rows is null) errors["queue"] = ["There is no such queue."];
        if (rows is null) return TypedResults.ValidationProblem(errors);

        var fileName = $"callbacks-{fromDay.ToString(DateFormat, CultureInfo.InvariantCulture)}-to-{toDay.ToString(DateFormat, CultureInfo.InvariantCulture)}"
            + (queue is null ? "" : $"-{queue}") + ".csv";
        return TypedResults.Stream(stream => WriteAsync(stream, rows, ct), "text/csv; charset=utf-8", fileName);
    }

    private static readonly string[] Header =
    [
        "Id", "Queue", "Name", "Phone", "PhoneAsTyped", "Email", "Note", "PageUrl", "VisitorTimeZone", "RequestedAt", "RequestCount",
        "LastRequestedAt", "PreferredStart", "PreferredEnd", "Status", "Outcome", "AttemptCount", "NextTryAt", "ClaimedBy", "ClaimedAt",
        "ResolvedAt", "ResolvedBy",
    ];

    private static async Task WriteAsync(Stream stream, IAsyncEnumerable<CallbackExportRow> rows, CancellationToken ct)
    {
        // A BOM so that Excel reads UTF-8; text cells starting = + - @, tab or CR are escaped with ' so that what a visitor
        // typed cannot run as a formula in the lead's spreadsheet.
        await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape },
            leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var r in rows.WithCancellation(ct))
        {
            csv.WriteField(r.Id, "D");
            csv.WriteField(r.Queue);
            csv.WriteField(r.Name);
            csv.WriteField(r.PhoneE164);
            csv.WriteField(r.PhoneAsTyped);
            csv.WriteField(r.Email);
            csv.WriteField(r.Note);
            csv.WriteField(r.PageUrl);
            csv.WriteField(r.VisitorTimeZone);
            Instant(csv, r.RequestedAt);
            csv.WriteField(r.RequestCount, "");
            Instant(csv, r.LastRequestedAt);
            Instant(csv, r.PreferredStartUtc);
            Instant(csv, r.PreferredEndUtc);
            csv.WriteField(r.Status.ToString());
            csv.WriteField(r.Outcome?.ToString());
            csv.WriteField(r.AttemptCount, "");
            Instant(csv, r.NextTryAt);
            csv.WriteField(r.ClaimedByName);
            Instant(csv, r.ClaimedAt);
            Instant(csv, r.ResolvedAt);
            csv.WriteField(r.ResolvedByName);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static void Instant(CsvWriter csv, DateTime? utc)
    {
        if (utc is { } value) csv.WriteField(value, InstantFormat);
        else csv.WriteField((string?)null);
    }

    private static DateOnly ReadDay(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[name] = ["Give a date as yyyy-MM-dd."];
        return default;
    }
}
