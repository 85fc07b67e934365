using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Widget;

public sealed class ChatEndpointTests() : AppTest(new Dictionary<string, string?> { ["Chat:MessagesPerMinute"] = "5" })
{
    private const string Start = "/api/widget/conversations";
    private static readonly CallingAgent Grace = new("agent-grace", "Grace");

    private sealed record Chat(Guid Id, string Token);

    private async Task<Chat> StartAsync(string message = "Hello, is anyone there?")
    {
        var response = await Client.PostAsJsonAsync(Start, new { name = "Ada", message }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new Chat(body.GetProperty("conversationId").GetGuid(), body.GetProperty("visitorToken").GetString()!);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Add(VisitorToken.Header, token);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private Task<HttpResponseMessage> SendAsync(Chat chat, string text, string? key = null, string? token = null) =>
        Client.SendAsync(Request(HttpMethod.Post, $"{Start}/{chat.Id}/messages", token ?? chat.Token, new { text }, key), Ct);

    private async Task<List<JsonElement>> TranscriptAsync(Chat chat, Guid? after = null)
    {
        var response = await Client.SendAsync(Request(HttpMethod.Get, $"{Start}/{chat.Id}/messages{(after is null ? "" : $"?after={after}")}", chat.Token), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messages").EnumerateArray().ToList();
    }

    private ChatConversations Chats => App.Services.GetRequiredService<ChatConversations>();

    [Fact]
    public async Task Starting_a_chat_answers_201_with_the_conversation_and_a_128_bit_token()
    {
        var response = await Client.PostAsJsonAsync(Start, new { name = "Ada", message = "Hello", pageUrl = "https://shop.example.com/p?secret=1" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = body.GetProperty("visitorToken").GetString()!;
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "==").Length >= 16);
        await using var db = App.Db();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(Ct);
        Assert.Equal(body.GetProperty("conversationId").GetGuid(), conversation.Id);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Equal("https://shop.example.com/p", conversation.Customer!.LastPageUrl);
    }

    [Fact]
    public async Task Starting_a_chat_in_an_unknown_queue_is_400_queue()
    {
        var response = await Client.PostAsJsonAsync(Start, new { message = "Hello", queue = "nope" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("queue", out _));
    }

    [Fact]
    public async Task Starting_a_chat_without_a_message_is_400_text()
    {
        var response = await Client.PostAsJsonAsync(Start, new { name = "Ada" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_400_not_500()
    {
        var chat = await StartAsync();
        var request = Request(HttpMethod.Post, $"{Start}/{chat.Id}/messages", chat.Token);
        request.Content = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");

        var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_message_answers_201_with_the_stored_message()
    {
        var chat = await StartAsync();

        var response = await SendAsync(chat, "My order is late");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("message");
        Assert.Equal("My order is late", message.GetProperty("text").GetString());
        Assert.Equal("visitor", message.GetProperty("author").GetString());
    }

    [Fact]
    public async Task A_message_over_2000_characters_is_400_text()
    {
        var chat = await StartAsync();

        var response = await SendAsync(chat, new string('a', 2001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Theory]
    [InlineData("POST", "messages")]
    [InlineData("GET", "messages")]
    [InlineData("POST", "typing")]
    [InlineData("GET", "events")]
    public async Task Another_conversations_token_is_404(string method, string path)
    {
        var mine = await StartAsync();
        var theirs = await StartAsync();

        var response = await Client.SendAsync(
            Request(new HttpMethod(method), $"{Start}/{theirs.Id}/{path}", mine.Token, method == "POST" ? new { text = "hi" } : null), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("token", await response.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_token_is_404()
    {
        var chat = await StartAsync();

        var response = await Client.SendAsync(Request(HttpMethod.Get, $"{Start}/{chat.Id}/messages", token: null), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_same_key_and_text_again_answers_the_same_message_and_stores_one()
    {
        var chat = await StartAsync();

        var first = await SendAsync(chat, "My order is late", key: "k-1");
        var again = await SendAsync(chat, "My order is late", key: "k-1");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("message").GetProperty("id").GetGuid(),
            (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("message").GetProperty("id").GetGuid());
        Assert.Equal(2, (await TranscriptAsync(chat)).Count);
    }

    [Fact]
    public async Task The_same_key_with_another_text_is_422()
    {
        var chat = await StartAsync();
        await SendAsync(chat, "My order is late", key: "k-1");

        var response = await SendAsync(chat, "Something else", key: "k-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task More_messages_a_minute_than_allowed_is_429_with_retry_after()
    {
        var chat = await StartAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await SendAsync(chat, $"message {i}");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Catch_up_after_a_message_returns_only_the_later_ones_in_order()
    {
        var chat = await StartAsync("one");
        var two = (await (await SendAsync(chat, "two")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("message").GetProperty("id").GetGuid();
        await Chats.ReplyAsync(chat.Id, Grace, "three", isInternal: false, Ct);
        await SendAsync(chat, "four");

        var later = await TranscriptAsync(chat, after: two);

        Assert.Equal(["three", "four"], later.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal("Grace", later[0].GetProperty("authorName").GetString());
    }

    [Fact]
    public async Task Catch_up_never_contains_an_internal_note()
    {
        var chat = await StartAsync();
        await Chats.ReplyAsync(chat.Id, Grace, "Internal: VIP customer", isInternal: true, Ct);

        var transcript = await TranscriptAsync(chat);

        Assert.DoesNotContain(transcript, m => m.GetProperty("text").GetString()!.Contains("VIP"));
    }

    [Fact]
    public async Task Visitor_typing_answers_204()
    {
        var chat = await StartAsync();

        var response = await Client.SendAsync(Request(HttpMethod.Post, $"{Start}/{chat.Id}/typing", chat.Token), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task A_callback_sent_with_the_chat_token_joins_the_same_conversation()
    {
        var chat = await StartAsync();
        var request = Request(HttpMethod.Post, "/api/widget/callbacks", chat.Token,
            new { name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", conversationId = chat.Id });

        var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(chat.Id, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("conversationId").GetGuid());
        await using var db = App.Db();
        Assert.Equal(ConversationStatus.Pending, (await db.Conversations.SingleAsync(Ct)).Status);
        Assert.Equal(chat.Id, (await db.CallbackRequests.SingleAsync(Ct)).ConversationId);
        Assert.Equal(2, await db.Messages.CountAsync(Ct));
    }

    [Fact]
    public async Task A_callback_for_a_chat_with_a_wrong_token_is_404_and_writes_nothing()
    {
        var chat = await StartAsync();
        var other = await StartAsync();
        var request = Request(HttpMethod.Post, "/api/widget/callbacks", other.Token,
            new { name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", conversationId = chat.Id });

        var response = await Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = App.Db();
        Assert.Equal(0, await db.CallbackRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task The_visitor_token_is_never_logged()
    {
        var chat = await StartAsync();
        await SendAsync(chat, "hello");
        await TranscriptAsync(chat);

        Assert.DoesNotContain(chat.Token, App.Logs.All);
    }
}
