using System.Net;
using System.Text;
using System.Text.Json;
using CornerSpot.Tests.Support;
using PhoneNumbers;

namespace CornerSpot.Tests.Widget;

/// <summary>What an attacker or a broken client can send to the one anonymous door: never a 5xx, never a partial write,
/// and a refusal a widget can show (problem+json, errors keyed by the field at fault).</summary>
public sealed class HostileInputTests(HostileInputTests.App app) : IClassFixture<HostileInputTests.App>
{
    public sealed class App() : AppFactory(null);

    private const string CallbacksPath = "/api/widget/callbacks";

    /// <param name="Field">For a 400: the key the answer's <c>errors</c> must have.</param>
    public sealed record Case(
        string Description, string Body, int Expected, string? Field = null, string ContentType = "application/json",
        string? IdempotencyKey = null, string Method = "POST", string Path = CallbacksPath, byte[]? Bytes = null)
    {
        public override string ToString() => Description;
    }

    private const string Valid = "\"name\":\"Ada\",\"phone\":\"+44 20 7946 0958\"";
    private static readonly string[] StringFields = ["name", "phone", "country", "note", "queue", "email", "pageUrl", "timeZone"];
    private static readonly string[] RequiredFields = ["name", "phone"];

    private static string With(string field, string json) => RequiredFields.Contains(field)
        ? "{" + Valid.Replace($"\"{field}\":", $"\"{field}\":{json},\"x{field}\":") + "}"
        : "{" + Valid + $",\"{field}\":{json}" + "}";

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    public static TheoryData<Case> Cases()
    {
        var cases = new List<Case>();
        void Refused(string label, string field, string value) => cases.Add(new(label, With(field, Quote(value)), 400, field));
        void Taken(string label, string field, string value) => cases.Add(new(label, With(field, Quote(value)), 201));

        // ---- Types: every field given something that is not a string (or, for the window, not an object).
        foreach (var field in StringFields.Append("preferredWindow"))
        foreach (var (label, json) in new[]
                 {
                     ("a number", "123"), ("a boolean", "true"), ("an array", "[\"a\"]"), ("an object", "{\"a\":1}"),
                     ("a negative number", "-1"), ("a fraction", "1.5"), ("a number too big for any type", "1e400"),
                     ("an empty array", "[]"), ("nested arrays", "[[[[[]]]]]"), ("a nested object", "{\"a\":{\"b\":{\"c\":{}}}}"),
                 })
            // An object with neither start nor end is "no preferred window", which the contract allows.
            cases.Add(field == "preferredWindow" && json.StartsWith('{')
                ? new($"{field} as {label}", With(field, json), 201)
                : new($"{field} as {label}", With(field, json), 400, field));
        foreach (var field in StringFields.Append("preferredWindow"))
            cases.Add(RequiredFields.Contains(field)
                ? new($"{field} as null", With(field, "null"), 400, field)
                : new($"{field} as null", With(field, "null"), 201));

        // ---- Sizes
        foreach (var field in StringFields)
        {
            cases.Add(new($"{field} of 5,000 characters", With(field, Quote(new string('a', 5000))), 400, field));
            cases.Add(new($"{field} of 20,000 characters", With(field, Quote(new string('a', 20000))), 413));
        }
        foreach (var (field, tooLong) in new[]
                 {
                     ("name", new string('a', 101)), ("note", new string('n', 1001)), ("phone", "+44 20 7946 0958" + new string(' ', 25)),
                     ("email", new string('a', 64) + "@" + new string('b', 187) + ".com"), ("pageUrl", "https://shop.example.com/" + new string('p', 2024)),
                     ("timeZone", "Europe/" + new string('L', 58)), ("queue", new string('q', 41)),
                 })
            Refused($"{field} one character over its limit", field, tooLong);
        Taken("name at its limit", "name", new string('a', 100));
        Taken("note at its limit", "note", new string('n', 1000));
        Taken("name at its limit once composed", "name", string.Concat(Enumerable.Repeat("e\u0301", 100)));
        Refused("name over its limit even composed", "name", string.Concat(Enumerable.Repeat("e\u0301", 101)));
        Taken("page URL at its limit", "pageUrl", "https://shop.example.com/" + new string('p', 2023));

        // ---- Control and bidi characters
        foreach (var (label, text) in new[]
                 {
                     ("NUL", "Ada\u0000"), ("BEL", "Ada\u0007"), ("ANSI escape", "\u001b[31mAda"), ("right-to-left override", "Ada\u202Egnp.exe"),
                     ("isolate", "\u2066Ada\u2069"), ("lone surrogate", "Ada\ud800"), ("line break", "Ada\nLovelace"), ("DEL", "Ada\u007f"),
                     ("C1 control", "Ada\u0085"), ("lone low surrogate", "\udc00Ada"), ("Arabic letter mark", "Ada\u061C"),
                     ("line separator", "Ada\u2028Lovelace"), ("paragraph separator", "Ada\u2029"), ("carriage return", "Ada\rLovelace"),
                     ("tab", "Ada\tLovelace"), ("vertical tab", "Ada\u000BLovelace"),
                 })
        {
            cases.Add(new($"name with {label}", With("name", JsonEscaped(text)), 400, "name"));
            if (label is not ("line break" or "carriage return" or "tab" or "line separator" or "paragraph separator"))
                cases.Add(new($"note with {label}", With("note", JsonEscaped(text)), 400, "note"));
        }
        cases.Add(new("email with header injection", With("email", Quote("ada@example.com\r\nBcc: all@example.com")), 400, "email"));
        cases.Add(new("phone with NUL", "{\"name\":\"Ada\",\"phone\":\"+44 20 7946 0958\\u0000\"}", 400, "phone"));
        foreach (var (label, text) in new[] { ("line breaks", "Line one\nLine two"), ("a tab", "Col\tumn"), ("a line separator", "One\u2028Two") })
            Taken($"note with {label}", "note", text);

        // ---- Invisible names: format characters, Hangul fillers, stacked marks, nothing to read
        foreach (var (label, text) in new[]
                 {
                     ("a zero-width space", "\u200B"), ("a Hangul filler", "\u3164"), ("Hangul choseong filler", "\u115F"),
                     ("Hangul jungseong filler", "\u1160"), ("halfwidth Hangul filler", "\uFFA0"), ("a zero-width joiner", "\u200D"),
                     ("a word joiner", "\u2060"), ("a byte order mark", "\uFEFF"), ("a soft hyphen", "\u00AD"),
                     ("a Mongolian vowel separator", "\u180E"), ("a tag character", "\U000E0041"), ("an invisible times", "\u2062"),
                     ("fillers around a real name", "\u3164Ada\u3164"), ("a zero-width space inside a name", "Ada\u200BLovelace"),
                     ("a zero-width non-joiner inside a name", "Ada\u200CLovelace"), ("interlinear annotation", "\uFFF9Ada\uFFFB"),
                     ("five stacked accents", "Za\u0353\u0354\u0355\u0356\u0357lgo"), ("only combining marks", "\u0301\u0302"),
                     ("only punctuation", "!!!"), ("only an emoji", "🌷"), ("only symbols", "© ® ™"), ("only dashes", "- - -"),
                     ("no-break spaces", "\u00A0\u00A0"), ("ideographic spaces", "\u3000\u3000"), ("an em space", "\u2003"),
                 })
            Refused($"name of {label}", "name", text);
        foreach (var (label, text) in new[]
                 {
                     ("accents typed as combining marks", "Zoe\u0308 Bronte\u0308"), ("a Devanagari name", "सुंदर"), ("a Thai name", "สมชาย"),
                     ("a Korean name", "김민준"), ("a Vietnamese name", "Nguyễn Thị Minh"), ("digits only", "42"), ("a CJK name", "王小明"),
                     ("an apostrophe", "O'Brien"), ("a hyphenated name", "Anne-Marie"),
                 })
            Taken($"name with {label}", "name", text);
        Refused("note with five stacked accents", "note", "Za\u0353\u0354\u0355\u0356\u0357lgo");
        Taken("note with a zero-width joiner emoji", "note", "Family 👨\u200D👩\u200D👧");

        // ---- Phones
        var util = PhoneNumberUtil.GetInstance();
        foreach (var type in new[] { PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL })
        foreach (var region in new[] { "GB", "US", "FR", "DE", "IE", "ES", "IT", "AU" })
            if (util.GetExampleNumberForType(region, type) is { } example)
                Refused($"{type} number in {region}", "phone", util.Format(example, PhoneNumberFormat.E164));
        foreach (var (label, value) in new[]
                 {
                     ("javascript: phone", "javascript:alert(1)"), ("vanity phone", "1-800-FLOWERS"), ("SQL in phone", "0'; DROP TABLE Customers;--"),
                     ("too many digits", "+4412345678901234567890"), ("too few digits", "+44 12"), ("full-width digits", "＋４４ ２０ ７９４６ ０９５８"),
                     ("Arabic-Indic digits", "+٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨"), ("a no-break space", "+44\u00A020 7946 0958"), ("a Unicode minus", "+44 20\u22127946 0958"),
                     ("an extension word", "+44 20 7946 0958 ext 12"), ("only a plus", "+"), ("only separators", "()-./ "),
                     ("a tel: link", "tel:+442079460958"), ("an emoji", "☎️ +44 20 7946 0958"), ("hash and star", "*#06#"),
                 })
            Refused(label, "phone", value);

        // ---- Email, page URL, queue, country, time zone
        foreach (var (label, value) in new[]
                 {
                     ("mailto cc injection", "ada?cc=m%40evil.example&x=@example.com"), ("mailto bcc injection", "ada?bcc=all@example.com"),
                     ("mailto body injection", "ada&body=hi@example.com"), ("percent-encoded line break", "ada%0d%0abcc@example.com"),
                     ("quoted local part with a space", "\"ada lovelace\"@example.com"), ("script email", "<script>@example.com"),
                     ("email without domain", "ada@"), ("email with a display name", "Ada <ada@example.com>"),
                     ("two addresses", "ada@example.com,eve@example.com"), ("email with a zero-width space", "ada\u200B@example.com"),
                 })
            Refused(label, "email", value);
        foreach (var (label, value) in new[]
                 {
                     ("javascript: pageUrl", "javascript:alert(1)"), ("data: pageUrl", "data:text/html,<script>alert(1)</script>"),
                     ("relative pageUrl", "/pricing"), ("ftp pageUrl", "ftp://example.com/file"), ("file pageUrl", "file:///etc/passwd"),
                     ("vbscript pageUrl", "vbscript:msgbox(1)"), ("protocol-relative pageUrl", "//evil.example/x"),
                     ("pageUrl that is only a scheme", "https://"), ("pageUrl with a broken host", "http://[::1"),
                 })
            Refused(label, "pageUrl", value);
        foreach (var (label, value) in new[]
                 {
                     ("pageUrl with a reset token", "https://shop.example.com/reset?token=SECRET#access_token=T"),
                     ("pageUrl with credentials", "https://user:pass@shop.example.com/account"),
                     ("pageUrl with a long query", "https://shop.example.com/?" + new string('q', 3000)),
                 })
            Taken(label, "pageUrl", value);
        foreach (var (label, value) in new[]
                 {
                     ("path traversal queue", "../../etc/passwd"), ("SQL in queue", "general' OR 1=1 --"), ("empty queue", ""),
                     ("upper-case queue", "GENERAL"), ("queue with a space", " general"), ("queue with NUL", "general\u0000"),
                     ("accented queue", "générale"), ("encoded queue", "%67eneral"), ("script queue", "<script>"),
                 })
            Refused(label, "queue", value);
        foreach (var (label, value) in new[]
                 {
                     ("path traversal time zone", "../../../../etc/passwd"), ("Windows time zone", "GMT Standard Time"),
                     ("unknown time zone", "Mars/Olympus_Mons"), ("empty time zone", ""), ("offset as a time zone", "+01:00"),
                     ("time zone with NUL", "Europe/London\u0000"),
                 })
            Refused(label, "timeZone", value);
        foreach (var (label, value) in new[]
                 {
                     ("unknown country", "XX"), ("country injection", "GB<script>"), ("three-letter country", "GBR"),
                     ("empty country", ""), ("country with a space", "G B"), ("numeric country", "44"),
                 })
            Refused(label, "country", value);
        foreach (var (label, field, value) in new[]
                 {
                     ("empty name", "name", ""), ("blank name", "name", "    "), ("empty phone", "phone", ""),
                 })
            Refused(label, field, value);

        // ---- Preferred window
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
                     ("window with an offset beyond 14 hours", "{\"start\":\"2026-11-26T09:00:00+15:00\",\"end\":\"2026-11-26T11:00:00+15:00\"}"),
                     ("window of empty strings", "{\"start\":\"\",\"end\":\"\"}"), ("window as an array", "[\"2026-11-26T09:00:00Z\"]"),
                     ("window ends equal", "{\"start\":\"2026-11-26T09:00:00Z\",\"end\":\"2026-11-26T09:00:00Z\"}"),
                 })
            cases.Add(new(label, With("preferredWindow", window), 400, "preferredWindow"));

        // ---- Bodies that are not one JSON object
        foreach (var (label, body) in new[]
                 {
                     ("empty body", ""), ("unclosed object", "{"), ("array", "[]"), ("null", "null"), ("a string", "\"hello\""),
                     ("a number", "42"), ("missing value", "{\"name\":}"), ("trailing garbage", "{" + Valid + "}x"),
                     ("single quotes", "{'name':'Ada'}"), ("comments", "{/* hi */" + Valid + "}"), ("trailing comma", "{" + Valid + ",}"),
                     ("deep nesting", string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000)),
                     ("nesting just past the reader's depth", string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70)),
                     ("invalid UTF-8 escape", "{\"name\":\"\\uZZZZ\",\"phone\":\"+442079460958\"}"),
                     ("NaN number", "{\"name\":NaN}"), ("empty object", "{}"), ("two objects", "{" + Valid + "}{" + Valid + "}"),
                     ("an unquoted key", "{name:\"Ada\"}"), ("only whitespace", "   \n\t  "), ("a bare true", "true"),
                     ("an object in an array", "[{" + Valid + "}]"), ("a JSON string holding the object", Quote("{" + Valid + "}")),
                 })
            cases.Add(new(label, body, 400, label == "empty object" ? "name" : "body"));
        foreach (var (label, bytes) in new[]
                 {
                     ("invalid UTF-8 bytes", Encoding.UTF8.GetBytes("{\"name\":\"Ada ").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("\",\"phone\":\"+44 20 7946 0958\"}")).ToArray()),
                     ("an overlong UTF-8 slash", Encoding.UTF8.GetBytes("{\"name\":\"Ada ").Concat(new byte[] { 0xC0, 0xAF }).Concat(Encoding.UTF8.GetBytes("\",\"phone\":\"+44 20 7946 0958\"}")).ToArray()),
                     ("UTF-16 instead of UTF-8", Encoding.Unicode.GetBytes("{" + Valid + "}")),
                     ("a NUL byte between tokens", Encoding.UTF8.GetBytes("{" + Valid + "\u0000}")),
                 })
            // Broken bytes inside a string are reported against that string's field.
            cases.Add(new(label, "", 400, label.EndsWith("bytes", StringComparison.Ordinal) || label.EndsWith("slash", StringComparison.Ordinal) ? "name" : "body", Bytes: bytes));

        // ---- Extra, repeated and differently spelled properties
        cases.Add(new("unknown properties are ignored", "{" + Valid + ",\"admin\":true,\"status\":\"Resolved\",\"id\":\"00000000-0000-0000-0000-000000000000\"}", 201));
        cases.Add(new("property names in another case", "{\"NAME\":\"Ada\",\"Phone\":\"+44 20 7946 0958\"}", 201));
        cases.Add(new("a repeated property", "{\"name\":\"Eve\"," + Valid + "}", 201));
        cases.Add(new("__proto__ property", "{" + Valid + ",\"__proto__\":{\"admin\":true}}", 201));

        // ---- Content types and sizes of the whole body
        foreach (var type in new[]
                 {
                     "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/html",
                     "text/json", "application/javascript", "application/octet-stream", "application/jsonp", "image/png",
                 })
            cases.Add(new($"content type {type}", "{" + Valid + "}", 415, ContentType: type));
        cases.Add(new("no content type", "{" + Valid + "}", 415, ContentType: ""));
        foreach (var type in new[] { "application/json; charset=utf-8", "APPLICATION/JSON", "application/problem+json", "application/vnd.api+json" })
            cases.Add(new($"content type {type}", "{" + Valid + "}", 201, ContentType: type));
        cases.Add(new("17 KB of whitespace", "{" + Valid + new string(' ', 17 * 1024) + "}", 413));
        cases.Add(new("a body one byte over 16 KB", "{" + Valid + ",\"note\":\"" + new string('n', 16 * 1024 - Valid.Length - 11 + 1) + "\"}", 413));
        cases.Add(new("a body of 1 MB", "{" + Valid + ",\"note\":\"" + new string('n', 1024 * 1024) + "\"}", 413));

        // ---- Idempotency-Key header
        cases.Add(new("Idempotency-Key of 300 characters", "{" + Valid + "}", 400, "idempotencyKey", IdempotencyKey: new string('k', 300)));
        cases.Add(new("Idempotency-Key of 10 KB", "{" + Valid + "}", 400, "idempotencyKey", IdempotencyKey: new string('k', 10 * 1024)));
        cases.Add(new("Idempotency-Key of 201 characters", "{" + Valid + "}", 400, "idempotencyKey", IdempotencyKey: new string('k', 201)));
        cases.Add(new("Idempotency-Key with a tab", "{" + Valid + "}", 400, "idempotencyKey", IdempotencyKey: "key\twith-tab"));
        cases.Add(new("Idempotency-Key with DEL", "{" + Valid + "}", 400, "idempotencyKey", IdempotencyKey: "key\u007f"));
        cases.Add(new("Idempotency-Key of 200 characters", "{" + Valid + "}", 201, IdempotencyKey: new string('k', 199) + Guid.NewGuid().ToString("N")[..1]));
        cases.Add(new("an empty Idempotency-Key", "{" + Valid + "}", 201, IdempotencyKey: ""));
        cases.Add(new("Idempotency-Key that looks like SQL", "{" + Valid + "}", 201, IdempotencyKey: "x' OR '1'='1" + Guid.NewGuid()));
        cases.Add(new("Idempotency-Key invalid on a bad body", "{", 400, "idempotencyKey", IdempotencyKey: new string('k', 300)));

        // ---- Other methods and paths
        // GET falls through to the console's page routes (a not-found problem); a POST the API does not know is
        // refused by those routes' method check (405). Either way a problem, never a page.
        cases.Add(new("GET on the callbacks path", "", 404, Method: "GET"));
        foreach (var method in new[] { "PUT", "DELETE", "PATCH" })
            cases.Add(new($"{method} on the callbacks path", "{" + Valid + "}", 405, Method: method));
        cases.Add(new("POST to availability", "{" + Valid + "}", 405, Path: "/api/widget/availability"));
        cases.Add(new("POST to an unknown widget path", "{" + Valid + "}", 405, Path: "/api/widget/callbacks/extra"));
        cases.Add(new("POST to a callbacks path with a dot-dot segment", "{" + Valid + "}", 405, Path: "/api/widget/callbacks/.."));

        // ---- Availability with hostile queue names: an answer, never a page or a 5xx
        foreach (var (label, query) in new[]
                 {
                     ("path traversal", "../../etc/passwd"), ("SQL", "general' OR 1=1 --"), ("script", "<script>alert(1)</script>"),
                     ("NUL", "general%00"), ("41 characters", new string('q', 41)), ("10 KB", new string('q', 10 * 1024)),
                     ("unicode", "g%C3%A9n%C3%A9rale"), ("zero-width space", "general%E2%80%8B"), ("invalid percent-encoding", "%ZZ"),
                     ("lone surrogate encoded", "%ED%A0%80"), ("upper case", "GENERAL"), ("an archived-looking name", "old"),
                 })
            cases.Add(new($"availability for a queue with {label}", "", 404, Method: "GET", Path: "/api/widget/availability?queue=" + query));
        foreach (var (label, query) in new[] { ("no queue", ""), ("an empty queue", "?queue="), ("padded spaces", "?queue=%20general%20"), ("two queues", "?queue=general&queue=x") })
            cases.Add(new($"availability with {label}", "", label == "two queues" ? 404 : 200, Method: "GET", Path: "/api/widget/availability" + query));

        // ---- Hostile but harmless text is a legitimate request: stored as text, rendered as text.
        foreach (var (label, field, value) in new[]
                 {
                     ("script tag in name", "name", "<script>alert(1)</script>"), ("img onerror in note", "note", "<img src=x onerror=alert(1)>"),
                     ("SQL in note", "note", "'; DROP TABLE CallbackRequests; --"), ("template syntax in name", "name", "{{7*7}} @(1+1)"),
                     ("emoji name", "name", "Zoë 🌷 Ångström"), ("right-to-left script name", "name", "مریم"),
                     ("markdown link in note", "note", "[click](javascript:alert(1))"), ("CSV formula in name", "name", "=HYPERLINK(\"x\") Ada"),
                     ("a very long word in note", "note", new string('w', 900)), ("ANSI-looking text in note", "note", "[31mred[0m"),
                 })
            Taken(label, field, value);

        var data = new TheoryData<Case>();
        foreach (var c in cases) data.Add(c);
        return data;
    }

    /// <summary>JSON string literal with every non-ASCII and control character escaped, so lone surrogates survive.</summary>
    private static string JsonEscaped(string s) =>
        "\"" + string.Concat(s.Select(ch => ch is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)ch:x4}" : ch.ToString())) + "\"";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_gets_a_clear_answer_and_rejected_input_writes_nothing(Case c)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await RowCounts.ReadAsync(app.Db(), ct);
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Method != "GET")
        {
            request.Content = c.Bytes is { } bytes ? new ByteArrayContent(bytes) : new StringContent(c.Body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            if (c.ContentType.Length > 0) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }
        if (c.IdempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", c.IdempotencyKey);

        var response = await app.CreateClient().SendAsync(request, ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(c.Expected == (int)response.StatusCode, $"{c.Description}: expected {c.Expected}, got {(int)response.StatusCode} {body}");
        var after = await RowCounts.ReadAsync(app.Db(), ct);
        if (c.Expected == 201)
        {
            var accepted = JsonDocument.Parse(body).RootElement;
            Assert.True(accepted.TryGetProperty("id", out _));
            // The table's accepted cases share a phone number: after the first, each updates the Pending request.
            var repeat = accepted.TryGetProperty("repeat", out var r) && r.GetBoolean();
            Assert.Equal(before.Callbacks + (repeat ? 0 : 1), after.Callbacks);
            return;
        }
        Assert.Equal(before, after);
        if (c.Expected == 200) return;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(c.Expected, problem.GetProperty("status").GetInt32());
        if (c.Expected == 400 && c.Field is { } field)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
                $"{c.Description}: no errors.{field} in {body}");
    }
}
