using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Web.Presence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CornerSpot.Web.Widget;

/// <summary>
/// The visitor's side of a live chat, in the widget's endpoint group: start, send, catch up, typing and the event
/// stream. The conversation's token travels in the <see cref="VisitorToken.Header"/> header, never in a URL (URLs end
/// up in access logs and browser history). A wrong token and a missing conversation get the same 404.
/// </summary>
public static class ChatEndpoints
{
    public sealed record ChatStarted(Guid ConversationId, string VisitorToken, ChatMessage Message);

    public sealed record ChatMessage(Guid Id, string Author, string AuthorName, string Text, DateTimeOffset SentAt)
    {
        public static ChatMessage From(ChatMessageView m) =>
            new(m.Id, m.Author.ToString().ToLowerInvariant(), m.AuthorName, m.Body, new DateTimeOffset(m.SentAt, TimeSpan.Zero));
    }

    public sealed record MessageSent(ChatMessage Message);

    public sealed record Transcript(IReadOnlyList<ChatMessage> Messages);

    public sealed record VisitorMessage(string? Text);

    public static RouteGroupBuilder MapChatEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/conversations", StartAsync).DisableAntiforgery().DescribeStartChat();
        group.MapPost("/conversations/{id:guid}/messages", SendAsync).DisableAntiforgery().DescribeSendMessage();
        group.MapGet("/conversations/{id:guid}/messages", ListAsync).DescribeListMessages();
        group.MapPost("/conversations/{id:guid}/typing", TypingAsync).DisableAntiforgery().DescribeTyping();
        group.MapGet("/conversations/{id:guid}/events", StreamAsync).DescribeEvents();
        return group;
    }

    public static async Task<Results<Created<ChatStarted>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, ChatConversations chats, WidgetRateLimiter limiter, CancellationToken ct)
    {
        if (await limiter.TryAcquireSubmissionAsync(request.HttpContext) is { } retryAfter)
            return WidgetEndpoints.TooManyRequests(request.HttpContext, retryAfter);
        var read = await WidgetEndpoints.ReadJsonAsync<ChatStart>(request, ct);
        if (read.Problem is { } problem) return problem;
        if (read.Invalid is { } invalid) return invalid;

        return await chats.StartAsync(read.Value!, ct) switch
        {
            ChatResult.Started s => TypedResults.Created(InboxFilter.ConversationPath(s.ConversationId),
                new ChatStarted(s.ConversationId, s.VisitorToken, ChatMessage.From(s.Message))),
            ChatResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
            var other => throw new InvalidOperationException($"Unexpected {other.GetType().Name}."),
        };
    }

    public static async Task<Results<Created<MessageSent>, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, HttpRequest request, ChatConversations chats, CancellationToken ct)
    {
        var key = request.Headers[WidgetEndpoints.IdempotencyHeader].ToString();
        if (WidgetEndpoints.KeyProblem(key) is { } keyProblem) return keyProblem;
        var read = await WidgetEndpoints.ReadJsonAsync<VisitorMessage>(request, ct);
        if (read.Problem is { } problem) return problem;
        if (read.Invalid is { } invalid) return invalid;

        return await chats.PostVisitorMessageAsync(id, Token(request), read.Value!.Text, key.Length == 0 ? null : key, ct) switch
        {
            ChatResult.Posted p => TypedResults.Created(InboxFilter.ConversationPath(id), new MessageSent(ChatMessage.From(p.Message))),
            ChatResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
            ChatResult.NotFound => WidgetEndpoints.NotFoundProblem(),
            ChatResult.KeyReused => KeyReused(),
            ChatResult.TooMany t => WidgetEndpoints.TooManyRequests(request.HttpContext, t.RetryAfter),
            var other => throw new InvalidOperationException($"Unexpected {other.GetType().Name}."),
        };
    }

    public static async Task<Results<Ok<Transcript>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, string? after, HttpRequest request, ChatConversations chats, CancellationToken ct)
    {
        Guid? afterId = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!Guid.TryParse(after, out var parsed))
                return InvalidAfter();
            afterId = parsed;
        }
        if (!await chats.VerifyVisitorAsync(id, Token(request), ct)) return WidgetEndpoints.NotFoundProblem();
        var messages = await chats.ListMessagesAsync(id, afterId, forVisitor: true, ct) ?? [];
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Transcript(messages.Select(ChatMessage.From).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> TypingAsync(Guid id, HttpRequest request, ChatConversations chats,
        CancellationToken ct) =>
        await chats.VisitorTypingAsync(id, Token(request), ct) is ChatResult.NotFound
            ? WidgetEndpoints.NotFoundProblem()
            : TypedResults.NoContent();

    public static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamAsync(
        Guid id, HttpContext context, ChatConversations chats, IInboxEvents events, PresenceTracker presence,
        ChatStreamConnections connections, CancellationToken ct)
    {
        if (!await chats.VerifyVisitorAsync(id, Token(context.Request), ct)) return WidgetEndpoints.NotFoundProblem();
        if (connections.TryOpen(context) is not { } lease)
            return WidgetEndpoints.TooManyRequests(context, StreamRetryAfter);
        // Released when the response ends, however it ends (the visitor left, the server stops).
        context.Response.RegisterForDispose(lease);
        context.Response.Headers.CacheControl = "no-store";
        // Proxies such as nginx would otherwise hold the events back to fill a buffer.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var resumeAfter = Guid.TryParse(context.Request.Headers[LastEventIdHeader].ToString(), out var parsed) ? parsed : (Guid?)null;
        return TypedResults.ServerSentEvents(new ChatStream(id, chats, events, presence).ReadAsync(resumeAfter, ct));
    }

    /// <summary>How long a visitor with too many open streams is asked to wait.</summary>
    public static readonly TimeSpan StreamRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The header a reconnecting stream sends with the id of the last message it got.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    // The answers below are also the examples in the OpenAPI document (ChatApiDescription).
    public static ProblemHttpResult KeyReused() => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key already used",
        detail: $"This {WidgetEndpoints.IdempotencyHeader} was already used for a different message. Use a new key for a new message.");

    public static ValidationProblem InvalidAfter() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["Give the id of a message."] });

    private static string Token(HttpRequest request) => request.Headers[VisitorToken.Header].ToString();

    /// <summary>The visitor's name for a conversation status.</summary>
    public static string StatusName(ConversationStatus status) => status.ToString().ToLowerInvariant();
}
