using System.Text.Json.Nodes;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Queues;
using Microsoft.OpenApi;
using static CornerSpot.Web.Widget.WidgetApiDescription;

namespace CornerSpot.Web.Widget;

/// <summary>What the OpenAPI document says about the live-chat routes (<see cref="ChatEndpoints"/>) beyond what the
/// handlers' types tell it: the token header, the problem answers each route can give, the event stream, and examples
/// built from the same code that answers.</summary>
public static class ChatApiDescription
{
    private static readonly Guid ExampleConversation = Guid.Parse("0193a1b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid ExampleMessage = Guid.Parse("0193a1b2-7c4d-7e5f-8a9b-2d3e4f5a6b7c");

    private static ChatEndpoints.ChatMessage VisitorExample =>
        new(ExampleMessage, "visitor", "Ada Lovelace", "Hello, is my order on its way?", ExampleTime);

    private static ChatEndpoints.ChatMessage AgentExample =>
        new(Guid.Parse("0193a1b2-7c4d-7e5f-8a9b-3e4f5a6b7c8d"), "agent", "Grace", "Hi Ada, let me look that up.", ExampleTime.AddSeconds(40));

    public static RouteHandlerBuilder DescribeStartChat(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("StartChat")
        .WithSummary("Start a chat")
        .WithDescription(
            "Starts a conversation with the visitor's first message and puts it in the queue's inbox (without `queue`, the " +
            "default queue `general`). The answer carries the conversation's `visitorToken`: keep it, and send it in the " +
            $"`{VisitorToken.Header}` header on every later call for this conversation. It is shown only this once.")
        .Accepts<ChatStart>("application/json")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                body.Example = Node(new ChatStart
                {
                    Name = "Ada Lovelace", Email = "ada@example.com", Message = VisitorExample.Text, Queue = Queue.DefaultSlug,
                    PageUrl = "https://shop.example.com/orders",
                });
            Describe(operation, StatusCodes.Status201Created, "The conversation is open and waits for an agent.",
                new ChatEndpoints.ChatStarted(ExampleConversation, "q7GxVbN3kR2tY8wZ", VisitorExample));
            Header(operation, StatusCodes.Status201Created, "Location", "The conversation in the team's console (for agents; needs sign-in).");
            DescribeTextProblem(operation);
            DescribeBodyProblems(operation);
            DescribeTooManyRequests(operation);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DescribeSendMessage(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("SendChatMessage")
        .WithSummary("Send a message")
        .WithDescription(
            "Adds the visitor's message to the conversation; agents see it at once. A resolved conversation opens again. " +
            $"Send an `{WidgetEndpoints.IdempotencyHeader}` to retry safely: the same key with the same text answers as the " +
            $"first time. At most {ChatOptions.MaxMessageLength} characters a message, and a limited number of messages a " +
            "minute per conversation.")
        .Accepts<ChatEndpoints.VisitorMessage>("application/json")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DescribeConversationId(operation);
            AddToken(operation);
            AddIdempotencyKey(operation);
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                body.Example = Node(new ChatEndpoints.VisitorMessage("Order 10442, placed on Monday."));
            Describe(operation, StatusCodes.Status201Created, "Stored (or, for a repeated key, the message stored the first time).",
                new ChatEndpoints.MessageSent(VisitorExample));
            Header(operation, StatusCodes.Status201Created, "Location", "The conversation in the team's console (for agents; needs sign-in).");
            DescribeTextProblem(operation);
            DescribeNotFound(operation);
            DescribeBodyProblems(operation);
            Describe(operation, StatusCodes.Status422UnprocessableEntity, $"The {WidgetEndpoints.IdempotencyHeader} was used for a different message.",
                ChatEndpoints.KeyReused().ProblemDetails);
            DescribeTooManyRequests(operation, "Too many messages in this conversation in a minute.");
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DescribeListMessages(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("ListChatMessages")
        .WithSummary("Read the conversation")
        .WithDescription(
            "The conversation's messages in the order both sides see them (server time, then id), without the agents' " +
            "internal notes. With `after`, only the messages after that one: the catch-up after a reconnect. Never cached.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DescribeConversationId(operation);
            AddToken(operation);
            if (operation.Parameters?.FirstOrDefault(p => p.Name == "after") is OpenApiParameter after)
                after.Description = "The id of the last message the widget has; the answer starts after it.";
            Describe(operation, StatusCodes.Status200OK, "The messages, oldest first.",
                new ChatEndpoints.Transcript([VisitorExample, AgentExample]));
            Describe(operation, StatusCodes.Status400BadRequest, "`after` is not a message id.", ChatEndpoints.InvalidAfter().ProblemDetails);
            DescribeNotFound(operation);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DescribeTyping(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("SignalChatTyping")
        .WithSummary("The visitor is typing")
        .WithDescription("Shows \"typing…\" to the agents. Send it at most every 2 seconds while the visitor types.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DescribeConversationId(operation);
            AddToken(operation);
            Describe(operation, StatusCodes.Status204NoContent, "Passed on to the agents.", new { });
            DescribeNotFound(operation);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DescribeEvents(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("StreamChatEvents")
        .WithSummary("Follow the conversation live")
        .WithDescription(
            "The conversation's events as Server-Sent Events (`text/event-stream`): `message` (a message, with the message's " +
            "id as the event id), `typing` (an agent is typing), `joined` (the first agent replied), `status` (on connect and " +
            "on every change: the conversation's status and the agents online), `agents` (how many agents are online) and " +
            $"`ping` (every {(int)ChatStream.PingInterval.TotalSeconds} s). A reconnect that sends `{ChatEndpoints.LastEventIdHeader}` " +
            "first gets every message after that one, so nothing is missed. Browsers' `EventSource` cannot send headers: " +
            "read the stream with `fetch`. Open streams per client address are limited.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DescribeConversationId(operation);
            AddToken(operation);
            operation.Parameters!.Add(new OpenApiParameter
            {
                Name = ChatEndpoints.LastEventIdHeader,
                In = ParameterLocation.Header,
                Description = "The id of the last `message` event received; the stream resumes after it.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            });
            DescribeStream(operation);
            DescribeNotFound(operation);
            DescribeTooManyRequests(operation, "Too many open streams from this client address.", ChatEndpoints.StreamRetryAfter);
            return Task.CompletedTask;
        });

    private static void DescribeStream(OpenApiOperation operation)
    {
        operation.Responses ??= new OpenApiResponses();
        if (operation.Responses.GetValueOrDefault("200") is not OpenApiResponse ok)
            operation.Responses["200"] = ok = new OpenApiResponse();
        ok.Description = "The stream, open until the visitor leaves. Each event's `data` is one line of JSON.";
        ok.Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/event-stream"] = new()
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create(
                    $"event: message\nid: {AgentExample.Id}\ndata: {Node(AgentExample)!.ToJsonString()}\n\n" +
                    "event: typing\ndata: {\"agentName\":\"Grace\"}\n\n" +
                    "event: joined\ndata: {\"agentName\":\"Grace\"}\n\n" +
                    "event: status\ndata: {\"status\":\"open\",\"agentsOnline\":2,\"agentName\":\"Grace\"}\n\n" +
                    "event: agents\ndata: {\"online\":1}\n\n" +
                    "event: ping\ndata: {}\n\n"),
            },
        };
    }

    private static void DescribeConversationId(OpenApiOperation operation)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "id") is OpenApiParameter id)
            id.Description = "The `conversationId` from starting the chat.";
    }

    private static void AddToken(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = VisitorToken.Header,
            In = ParameterLocation.Header,
            Required = true,
            Description = "The `visitorToken` from starting the chat. A wrong token answers 404, like a missing conversation.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void DescribeTextProblem(OpenApiOperation operation) =>
        Describe(operation, StatusCodes.Status400BadRequest, "A field is missing or invalid; `errors` names each field with its messages.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [ChatMessages.TextTooLong] }).ProblemDetails);

    private static void DescribeNotFound(OpenApiOperation operation) =>
        Describe(operation, StatusCodes.Status404NotFound, "No such conversation, or the token does not open it.",
            WidgetEndpoints.NotFoundProblem().ProblemDetails);
}
