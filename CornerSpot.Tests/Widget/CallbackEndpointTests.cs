using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Widget;

public sealed class CallbackEndpointTests : AppTest
{
    private const string Url = "/api/widget/callbacks";
    private const string ValidJson = """{"name":"Ada Lovelace","phone":"020 7946 0958","country":"GB"}""";
    private const string CompleteJson = """
        {"name":"Ada Lovelace","phone":"020 7946 0958","country":"GB",
         "preferredWindow":{"start":"2026-11-26T09:00:00+00:00","end":"2026-11-26T11:00:00+00:00"},
         "timeZone":"Europe/London","note":"Question about my invoice","queue":"general",
         "email":"ada@example.com","pageUrl":"https://shop.example.com/pricing"}
        """;
    private const int MaxBodyBytes = 16 * 1024;


    [Fact]
    public async Task Valid_submission_answers_201_and_stores_customer_conversation_and_pending_callback()
    {
        var response = await Client.PostAsJsonAsync(Url, new
        {
            name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", note = "Question about my invoice",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        await using var db = App.Db();
        var callback = await db.CallbackRequests.Include(c => c.Conversation).SingleAsync(Ct);
        Assert.Equal(body.GetProperty("id").GetGuid(), callback.Id);
        Assert.Equal("+442079460958", callback.PhoneE164);
        Assert.Equal("Ada Lovelace", (await db.Customers.SingleAsync(Ct)).Name);
    }

    [Fact]
    public async Task Created_answer_has_id_conversation_id_pending_status_and_requested_at()
    {
        var response = await PostAsync(CompleteJson);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["id", "conversationId", "status", "requestedAt", "statusUrl"], body.EnumerateObject().Select(p => p.Name));
        await using var db = App.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(callback.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(callback.ConversationId, body.GetProperty("conversationId").GetGuid());
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        Assert.Equal(App.Clock.GetUtcNow(), body.GetProperty("requestedAt").GetDateTimeOffset());
        Assert.Equal($"/dashboard/chat/inbox/{callback.ConversationId}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("""{"phone":"020 7946 0958"}""", "name")]
    [InlineData("""{"name":null,"phone":"020 7946 0958"}""", "name")]
    [InlineData("""{"name":"   ","phone":"020 7946 0958"}""", "name")]
    [InlineData("""{"name":"Ada\u202Eecalevol","phone":"020 7946 0958"}""", "name")]
    [InlineData("""{"name":"Ada Lovelace"}""", "phone")]
    [InlineData("""{"name":"Ada Lovelace","phone":"1-800-FLOWERS","country":"US"}""", "phone")]
    [InlineData("""{"name":"Ada Lovelace","phone":"javascript:alert(1)"}""", "phone")]
    [InlineData("""{"name":"Ada Lovelace","phone":"+44 20 7946 0958","country":"ZZ"}""", "country")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":"2026-11-26T09:00:00Z"}}""", "preferredWindow")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":"2026-11-24T09:00:00Z","end":"2026-11-24T11:00:00Z"}}""", "preferredWindow")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","timeZone":"Eastern Standard Time"}""", "timeZone")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","email":"ada@example"}""", "email")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","pageUrl":"javascript:alert(1)"}""", "pageUrl")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","queue":"no-such-queue"}""", "queue")]
    public async Task Invalid_field_answers_400_problem_keyed_by_the_camelCase_field_and_stores_nothing(string json, string field)
    {
        var response = await PostAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_named_in_one_answer()
    {
        var response = await PostAsync("""{"name":"","phone":"junk","note":null,"email":"nope","pageUrl":"ftp://x.example.com"}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["email", "name", "pageUrl", "phone"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"name":"Ada Lovelace","phone":""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958",}""")]
    [InlineData("""{"name":"Ada Lovelace" "phone":"020 7946 0958"}""")]
    [InlineData("""{"name":'Ada Lovelace',"phone":"020 7946 0958"}""")]
    public async Task Malformed_JSON_answers_400_about_the_body_and_stores_nothing(string json)
    {
        var response = await PostAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
        Assert.Equal(["body"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("""{"name":42,"phone":"020 7946 0958"}""", "name")]
    [InlineData("""{"name":"Ada Lovelace","phone":["020 7946 0958"]}""", "phone")]
    [InlineData("""{"name":"Ada Lovelace","phone":2079460958}""", "phone")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","note":{"text":"hi"}}""", "note")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":"tomorrow morning"}""", "preferredWindow")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":"tomorrow","end":"2026-11-26T11:00:00Z"}}""", "preferredWindow")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","queue":true}""", "queue")]
    public async Task Wrong_JSON_type_answers_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var response = await PostAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("One or more fields have the wrong type.", problem.GetProperty("title").GetString());
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"Ada Lovelace\"")]
    [InlineData("42")]
    public async Task JSON_that_is_not_an_object_answers_400_about_the_body_and_stores_nothing(string json)
    {
        var response = await PostAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body must be a JSON object.", problem.GetProperty("title").GetString());
        Assert.Equal(["body"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/html")]
    public async Task Body_that_is_not_JSON_answers_415_and_stores_nothing(string mediaType)
    {
        var response = await Client.PostAsync(Url, new StringContent(ValidJson, Encoding.UTF8, mediaType), Ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Body_without_a_content_type_answers_415_and_stores_nothing()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ValidJson));

        var response = await Client.PostAsync(Url, content, Ct);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Body_over_16_KB_with_a_content_length_answers_413_and_stores_nothing()
    {
        var content = new StringContent(PaddedJson(MaxBodyBytes + 1), Encoding.UTF8, "application/json");

        var response = await Client.PostAsync(Url, content, Ct);

        Assert.Equal(MaxBodyBytes + 1, content.Headers.ContentLength);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Body_over_16_KB_of_unknown_length_answers_413_and_stores_nothing()
    {
        var seen = new ContentLengthSeenByServer();
        var client = App.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(seen))).CreateClient();

        var response = await PostChunkedAsync(client, PaddedJson(MaxBodyBytes + 1));

        Assert.True(seen.Recorded);
        Assert.Null(seen.ContentLength);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Body_of_exactly_16_KB_is_accepted()
    {
        var response = await PostChunkedAsync(Client, PaddedJson(MaxBodyBytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Queue_with_the_callback_form_turned_off_answers_403_problem_and_stores_nothing()
    {
        await using (var db = App.Db())
        {
            await db.Queues.Where(q => q.Slug == Queue.DefaultSlug)
                .ExecuteUpdateAsync(u => u.SetProperty(q => q.CallbackEnabled, false), Ct);
        }

        var response = await PostAsync(ValidJson);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Callback requests are turned off", problem.GetProperty("title").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Replaying_a_key_returns_the_first_answer_and_stores_nothing_new()
    {
        var first = await PostAsync(CompleteJson, key: "7c1e9d2a-replay");
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        var stored = await RowCounts.ReadAsync(App.Db(), Ct);
        App.Clock.Advance(TimeSpan.FromMinutes(3));

        var again = await PostAsync(CompleteJson, key: "7c1e9d2a-replay");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(new RowCounts(1, 1, 1, 1, 1), stored);
        Assert.Equal(stored, await RowCounts.ReadAsync(App.Db(), Ct));
    }

    [Fact]
    public async Task Same_number_again_while_its_request_is_pending_updates_that_request()
    {
        var first = await (await PostAsync(ValidJson)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var second = await PostAsync(ValidJson);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(first.GetProperty("id").GetGuid(), body.GetProperty("id").GetGuid());
        Assert.True(body.GetProperty("repeat").GetBoolean());
        // One customer, one conversation with both visitor messages, one callback asked for twice.
        Assert.Equal(new RowCounts(1, 1, 2, 1, 0), await RowCounts.ReadAsync(App.Db(), Ct));
        await using var db = App.Db();
        Assert.Equal(2, (await db.CallbackRequests.SingleAsync(Ct)).RequestCount);
    }

    [Fact]
    public async Task Reusing_a_key_with_a_different_body_answers_422_and_stores_nothing_new()
    {
        await PostAsync(ValidJson, key: "7c1e9d2a-reuse");
        var stored = await RowCounts.ReadAsync(App.Db(), Ct);

        var response = await PostAsync("""{"name":"Charles Babbage","phone":"020 7946 0959","country":"GB"}""", key: "7c1e9d2a-reuse");

        await AssertProblemAsync(response, (HttpStatusCode)422);
        Assert.Equal(stored, await RowCounts.ReadAsync(App.Db(), Ct));
    }

    [Fact]
    public async Task Parallel_requests_with_one_key_store_exactly_one_callback_and_all_get_its_id()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(CompleteJson, key: "7c1e9d2a-parallel")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid()));
        await using var db = App.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.All(ids, id => Assert.Equal(callback.Id, id));
        Assert.Equal(new RowCounts(1, 1, 1, 1, 1), await RowCounts.ReadAsync(App.Db(), Ct));
    }

    public static TheoryData<string> UnusableKeys => [new string('k', 201), "7c1e9d2a\tdemo"];

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public async Task Idempotency_key_too_long_or_with_control_characters_answers_400_and_stores_nothing(string key)
    {
        var response = await PostAsync(ValidJson, key);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["idempotencyKey"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":"0001-01-01T00:00:00+14:00","end":"0001-01-01T01:00:00+14:00"}}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":"9999-12-31T23:00:00-14:00","end":"9999-12-31T23:59:59-14:00"}}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":null,"end":"2026-11-26T11:00:00Z"}}""")]
    [InlineData("""{"name":"Ada\ud800","phone":"020 7946 0958"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","note":"\u0000"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","country":"\u0000\u0000"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","timeZone":"/etc/passwd"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","pageUrl":"http://[::1"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","queue":"'; DROP TABLE Queues; --"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"1e400"}""")]
    [InlineData("""{"name":"Ada Lovelace","phone":"020 7946 0958","preferredWindow":{"start":1e400}}""")]
    [InlineData("""[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]""")]
    [InlineData("""{"name":{"name":{"name":{"name":{"name":{"name":{"name":{"name":{"name":{"name":"Ada"}}}}}}}}}}""")]
    public async Task Hostile_body_answers_400_and_stores_nothing(string json)
    {
        var response = await PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("https://shop.example.com/reset?token=SECRET#access_token=T", "https://shop.example.com/reset")]
    [InlineData("https://user:pass@shop.example.com:8443/a/b?q=1", "https://shop.example.com:8443/a/b")]
    [InlineData("http://shop.example.com#session=abc", "http://shop.example.com/")]
    public async Task The_page_address_is_stored_without_its_query_fragment_or_credentials(string sent, string stored)
    {
        var response = await Client.PostAsJsonAsync(Url, new { name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", pageUrl = sent }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = App.Db();
        Assert.Equal(stored, (await db.Customers.SingleAsync(Ct)).LastPageUrl);
    }

    [Fact]
    public async Task A_name_and_note_typed_with_combining_accents_are_stored_composed()
    {
        var response = await Client.PostAsJsonAsync(Url, new { name = "Zoe\u0308 Bronte\u0308", phone = "020 7946 0958", country = "GB", note = "Cafe\u0301" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = App.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal("Zo\u00EB Bront\u00EB", callback.Name);
        Assert.Equal("Caf\u00E9", callback.Note);
        Assert.Equal("Zo\u00EB Bront\u00EB", (await db.Customers.SingleAsync(Ct)).Name);
    }

    private Task<HttpResponseMessage> PostAsync(string json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return Client.SendAsync(request, Ct);
    }

    /// <summary>Without the explicit header the test server would buffer the body and send a Content-Length.</summary>
    private static Task<HttpResponseMessage> PostChunkedAsync(HttpClient client, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(json)) };
        request.Headers.TransferEncodingChunked = true;
        return client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private async Task AssertNothingStoredAsync() =>
        Assert.Equal(RowCounts.None, await RowCounts.ReadAsync(App.Db(), Ct));

    /// <summary>A valid submission padded with whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private static string PaddedJson(int bytes) => ValidJson[..^1] + new string(' ', bytes - ValidJson.Length) + "}";

    /// <summary>Records the Content-Length header of the last request as the server received it.</summary>
    private sealed class ContentLengthSeenByServer : IStartupFilter
    {
        public bool Recorded { get; private set; }
        public long? ContentLength { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                (Recorded, ContentLength) = (true, context.Request.ContentLength);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Content whose length is not known up front, so it is sent chunked, without Content-Length.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            // Written in small pieces, as a slow client would.
            for (var i = 0; i < _bytes.Length; i += 1000)
                await stream.WriteAsync(_bytes.AsMemory(i, Math.Min(1000, _bytes.Length - i)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
