using System.Net.Http.Json;
using CornerSpot.Domain.Callbacks;
using PhoneNumbers;

namespace CornerSpot.Bench.Harness;

/// <summary>Endless distinct visitors with valid US numbers, and a fresh Idempotency-Key for each request.
/// Safe to share between threads.</summary>
public sealed class Visitors
{
    public const string Note = "Would like to talk about upgrading our plan before the renewal date.";

    private static readonly string[] Areas = ["212", "312", "415", "617", "646", "718", "773", "917"];
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private int _next;

    /// <summary>The next visitor's <c>POST /api/widget/callbacks</c>, named "Visitor n".</summary>
    public HttpRequestMessage Next()
    {
        var n = Interlocked.Increment(ref _next);
        return Request($"Visitor {n}", n);
    }

    /// <summary>The next visitor's request under a name the caller chose (to find its row in a page).</summary>
    public HttpRequestMessage Next(string name) => Request(name, Interlocked.Increment(ref _next));

    /// <summary>The next visitor as the app's intake service takes it, for seeding without HTTP.</summary>
    public CallbackSubmission NextSubmission()
    {
        var n = Interlocked.Increment(ref _next);
        return new CallbackSubmission
        {
            Queue = "general", Name = $"Visitor {n}", Phone = Phone(n), Note = Note, TimeZone = "America/New_York",
            PageUrl = "https://shop.example/pricing",
        };
    }

    private HttpRequestMessage Request(string name, int n)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/callbacks")
        {
            Content = JsonContent.Create(new
            {
                queue = "general",
                name,
                phone = Phone(n),
                note = Note,
                timeZone = "America/New_York",
                pageUrl = "https://shop.example/pricing",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"bench-{Guid.NewGuid():N}");
        return request;
    }

    private string Phone(int n)
    {
        // area × exchange (200–999) × line: distinct for every n; skip the rare combination the library rejects.
        for (var k = n; ; k += 7_919)
        {
            var area = Areas[k % Areas.Length];
            var exchange = 200 + (k / Areas.Length / 10_000) % 800;
            var line = k / Areas.Length % 10_000;
            var e164 = $"+1{area}{exchange:000}{line:0000}";
            if (exchange % 100 != 11 && _util.IsValidNumber(_util.Parse(e164, null))) return e164;
        }
    }
}
