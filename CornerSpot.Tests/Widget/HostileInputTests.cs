using System.Net;
using System.Text;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Widget;

/// <summary>What an attacker or a broken client can send to the one anonymous door: never a 5xx, never a partial write.</summary>
public sealed class HostileInputTests(HostileInputTests.App app) : IClassFixture<HostileInputTests.App>
{
    public sealed class App() : AppFactory(null);

    public sealed record Case(string Description, string Body, int Expected, string ContentType = "application/json", string? IdempotencyKey = null)
    {
        public override string ToString() => Description;
    }

    private const string Valid = "\"name\":\"Ada\",\"phone\":\"+44 20 7946 0958\"";
    private static readonly string[] StringFields = ["name", "phone", "country", "note", "queue", "email", "pageUrl", "timeZone"];

    public static TheoryData<Case> Cases()
    {
        var cases = new List<Case>();
        string With(string field, string json) => field is "name" or "phone"
            ? "{" + Valid.Replace($"\"{field}\":", $"\"{field}\":{json},\"x{field}\":") + "}"
            : "{" + Valid + $",\"{field}\":{json}" + "}";

        foreach (var field in StringFields.Append("preferredWindow"))
        foreach (var (label, json) in new[] { ("a number", "123"), ("a boolean", "true"), ("an array", "[\"a\"]"), ("an object", "{\"a\":1}") })
            // An object with neither start nor end is "no preferred window", which the contract allows.
            cases.Add(new($"{field} as {label}", With(field, json), field == "preferredWindow" && label == "an object" ? 201 : 400));

        foreach (var field in StringFields)
        {
            cases.Add(new($"{field} of 5,000 characters", With(field, Quote(new string('a', 5000))), 400));
            cases.Add(new($"{field} of 20,000 characters", With(field, Quote(new string('a', 20000))), 413));
        }

        foreach (var (label, text) in new[]
                 {
                     ("NUL", "Ada\\u0000"), ("BEL", "Ada\\u0007"), ("ANSI escape", "\\u001b[31mAda"), ("right-to-left override", "Ada\\u202Egnp.exe"),
                     ("isolate", "\\u2066Ada\\u2069"), ("lone surrogate", "Ada\\ud800"), ("line break", "Ada\\nLovelace"), ("DEL", "Ada\\u007f"),
                 })
        {
            cases.Add(new($"name with {label}", With("name", Quote(text)), 400));
            if (label is not "line break")
                cases.Add(new($"note with {label}", With("note", Quote(text)), 400));
        }
        cases.Add(new("email with header injection", With("email", Quote("ada@example.com\\r\\nBcc: all@example.com")), 400));
        cases.Add(new("phone with NUL", "{\"name\":\"Ada\",\"phone\":\"+44 20 7946 0958\\u0000\"}", 400));

        foreach (var (label, field, value) in new[]
                 {
                     ("javascript: phone", "phone", "javascript:alert(1)"), ("vanity phone", "phone", "1-800-FLOWERS"),
                     ("SQL in phone", "phone", "0'; DROP TABLE Customers;--"), ("too many digits", "phone", "+4412345678901234567890"),
                     ("too few digits", "phone", "+44 12"), ("javascript: pageUrl", "pageUrl", "javascript:alert(1)"),
                     ("data: pageUrl", "pageUrl", "data:text/html,<script>alert(1)</script>"), ("relative pageUrl", "pageUrl", "/pricing"),
                     ("ftp pageUrl", "pageUrl", "ftp://example.com/file"), ("script email", "email", "<script>@example.com"),
                     ("email without domain", "email", "ada@"), ("path traversal queue", "queue", "../../etc/passwd"),
                     ("SQL in queue", "queue", "general' OR 1=1 --"), ("path traversal time zone", "timeZone", "../../../../etc/passwd"),
                     ("Windows time zone", "timeZone", "GMT Standard Time"), ("unknown time zone", "timeZone", "Mars/Olympus_Mons"),
                     ("unknown country", "country", "XX"), ("country injection", "country", "GB<script>"),
                     ("empty name", "name", ""), ("blank name", "name", "    "), ("empty phone", "phone", ""),
                 })
            cases.Add(new(label, With(field, Quote(value)), 400));

        foreach (var (label, window) in new[]
                 {
                     ("window start only", "{\"start\":\"2026-11-26T09:00:00Z\"}"), ("window end only", "{\"end\":\"2026-11-26T09:00:00Z\"}"),
                     ("window reversed", "{\"start\":\"2026-11-26T11:00:00Z\",\"end\":\"2026-11-26T09:00:00Z\"}"),
                     ("window in the past", "{\"start\":\"2020-01-01T09:00:00Z\",\"end\":\"2020-01-01T11:00:00Z\"}"),
                     ("window next year", "{\"start\":\"2027-06-01T09:00:00Z\",\"end\":\"2027-06-01T11:00:00Z\"}"),
                     ("window not a date", "{\"start\":\"tomorrow\",\"end\":\"later\"}"),
                     ("window as numbers", "{\"start\":1764147600,\"end\":1764154800}"),
                     ("window year 0", "{\"start\":\"0000-01-01T00:00:00Z\",\"end\":\"0000-01-02T00:00:00Z\"}"),
                     ("window year 9999", "{\"start\":\"9999-12-31T23:59:59Z\",\"end\":\"9999-12-31T23:59:59+14:00\"}"),
                 })
            cases.Add(new(label, With("preferredWindow", window), 400));

        foreach (var (label, body) in new[]
                 {
                     ("empty body", ""), ("unclosed object", "{"), ("array", "[]"), ("null", "null"), ("a string", "\"hello\""),
                     ("a number", "42"), ("missing value", "{\"name\":}"), ("trailing garbage", "{" + Valid + "}x"),
                     ("single quotes", "{'name':'Ada'}"), ("comments", "{/* hi */" + Valid + "}"), ("trailing comma", "{" + Valid + ",}"),
                     ("deep nesting", string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)),
                     ("invalid UTF-8 escape", "{\"name\":\"\\uZZZZ\",\"phone\":\"+442079460958\"}"),
                     ("NaN number", "{\"name\":NaN}"), ("empty object", "{}"),
                 })
            cases.Add(new(label, body, 400));

        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/html" })
            cases.Add(new($"content type {type}", "{" + Valid + "}", 415, type));

        cases.Add(new("17 KB of whitespace", "{" + Valid + new string(' ', 17 * 1024) + "}", 413));
        cases.Add(new("Idempotency-Key of 300 characters", "{" + Valid + "}", 400, IdempotencyKey: new string('k', 300)));

        // Hostile but harmless text is a legitimate request: stored as text, rendered as text.
        foreach (var (label, field, value) in new[]
                 {
                     ("script tag in name", "name", "<script>alert(1)</script>"), ("img onerror in note", "note", "<img src=x onerror=alert(1)>"),
                     ("SQL in note", "note", "'; DROP TABLE CallbackRequests; --"), ("template syntax in name", "name", "{{7*7}} @(1+1)"),
                     ("emoji name", "name", "Zoë 🌷 Ångström"), ("right-to-left script name", "name", "مریم"),
                 })
            cases.Add(new(label, With(field, Quote(value)), 201));

        var data = new TheoryData<Case>();
        foreach (var c in cases) data.Add(c);
        return data;
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\\\"") + "\"";

    [Fact]
    public void The_table_has_at_least_a_hundred_cases() => Assert.True(Cases().Count >= 100, $"{Cases().Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_a_clear_answer_and_rejected_input_writes_nothing(Case c)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await CountsAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks")
        {
            Content = new StringContent(c.Body, Encoding.UTF8),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        if (c.IdempotencyKey is not null) request.Headers.Add("Idempotency-Key", c.IdempotencyKey);

        var response = await app.CreateClient().SendAsync(request, ct);

        Assert.Equal(c.Expected, (int)response.StatusCode);
        var after = await CountsAsync(ct);
        if (c.Expected == 201)
            Assert.Equal(before.Callbacks + 1, after.Callbacks);
        else
        {
            Assert.Equal(before, after);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<(int Customers, int Conversations, int Messages, int Callbacks)> CountsAsync(CancellationToken ct)
    {
        await using var db = app.Db();
        return (await db.Customers.CountAsync(ct), await db.Conversations.CountAsync(ct), await db.Messages.CountAsync(ct),
            await db.CallbackRequests.CountAsync(ct));
    }
}
