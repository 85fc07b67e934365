using System.Text.Json;
using System.Text.Json.Nodes;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using Microsoft.OpenApi;

namespace CornerSpot.Web.Widget;

/// <summary>What the OpenAPI document says about each widget route beyond what the handlers' types tell it: summaries,
/// the problem answers each route can give, the headers, and examples built from the same code that answers.</summary>
public static class WidgetApiDescription
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    internal static readonly DateTimeOffset ExampleTime = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static RouteHandlerBuilder DescribeSubmitCallback(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("SubmitCallback")
        .WithSummary("Leave a callback request")
        .WithDescription(
            "Stores a visitor's request to be called back and puts it in the team's inbox. Name and phone are required; " +
            "the phone number is read in the visitor's `country` (ISO 3166 code) or the server's default region. A second " +
            "request from a number that already waits in the queue updates that request (`repeat: true`). Send an " +
            $"`{WidgetEndpoints.IdempotencyHeader}` to retry safely: the same key with the same body answers as the first time.")
        .Accepts<CallbackSubmission>("application/json")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            AddIdempotencyKey(operation);
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
                body.Example = Node(new CallbackSubmission
                {
                    Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB",
                    PreferredWindow = new TimeWindow { Start = ExampleTime, End = ExampleTime.AddHours(2) },
                    TimeZone = "Europe/London", Note = "Question about my invoice", Queue = Queue.DefaultSlug,
                    Email = "ada@example.com", PageUrl = "https://shop.example.com/pricing",
                });

            Describe(operation, StatusCodes.Status201Created, "Stored (or, for a repeat, merged into the waiting request).",
                new WidgetEndpoints.CallbackCreated(Guid.Parse("0193a1b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b"), Guid.Parse("0193a1b2-7c4d-7e5f-8a9b-1c2d3e4f5a6b"),
                    nameof(CallbackStatus.Pending), ExampleTime, "https://support.example.com/callback/q7GxVbN3kR2tY8wZ"));
            Header(operation, StatusCodes.Status201Created, "Location", "The request in the team's console (for agents; needs sign-in).");
            Describe(operation, StatusCodes.Status400BadRequest, "A field is missing or invalid; `errors` names each field with its messages.",
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["phone"] = [CallbackMessages.PhoneInvalid] })
                {
                    Status = StatusCodes.Status400BadRequest, Title = "One or more validation errors occurred.",
                });
            Describe(operation, StatusCodes.Status403Forbidden, "The queue does not take callback requests now.",
                WidgetEndpoints.CallbacksDisabled("Sales").ProblemDetails);
            Describe(operation, StatusCodes.Status404NotFound, "`conversationId` names no conversation the visitor token opens.",
                WidgetEndpoints.NotFoundProblem().ProblemDetails);
            DescribeBodyProblems(operation);
            Describe(operation, StatusCodes.Status422UnprocessableEntity, $"The {WidgetEndpoints.IdempotencyHeader} was used for a different body.",
                WidgetEndpoints.KeyReused().ProblemDetails);
            DescribeTooManyRequests(operation);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DescribeAvailability(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("GetAvailability")
        .WithSummary("Is the team reachable now?")
        .WithDescription(
            "What the widget should offer right now: `chat` when an agent is online within business hours, `callback` when " +
            "callback requests are taken, otherwise `closed`. Without `queue` the default queue (`general`) answers. Never cached.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == "queue") is OpenApiParameter queue)
                queue.Description = "The queue's slug, as in the embed snippet's `data-queue`.";
            Describe(operation, StatusCodes.Status200OK, "Who can answer in this queue now.",
                new WidgetEndpoints.Availability(Queue.DefaultSlug, 2, true, true, "chat"));
            Describe(operation, StatusCodes.Status404NotFound, "No open queue has this slug.", WidgetEndpoints.NoSuchQueue().ProblemDetails);
            DescribeTooManyRequests(operation);
            return Task.CompletedTask;
        });

    internal static void DescribeTooManyRequests(OpenApiOperation operation,
        string description = "Too many calls from this client address, or to this queue.", TimeSpan? retryAfter = null)
    {
        var context = new DefaultHttpContext();
        Describe(operation, StatusCodes.Status429TooManyRequests, description,
            WidgetEndpoints.TooManyRequests(context, retryAfter ?? TimeSpan.FromSeconds(60)).ProblemDetails);
        Header(operation, StatusCodes.Status429TooManyRequests, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
    }

    internal static void DescribeBodyProblems(OpenApiOperation operation)
    {
        Describe(operation, StatusCodes.Status413PayloadTooLarge, "The body is larger than the limit.", WidgetEndpoints.RequestTooLarge().ProblemDetails);
        Describe(operation, StatusCodes.Status415UnsupportedMediaType, "The body is not sent as `application/json`.",
            WidgetEndpoints.UnsupportedContentType().ProblemDetails);
    }

    internal static void AddIdempotencyKey(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = WidgetEndpoints.IdempotencyHeader,
            In = ParameterLocation.Header,
            Description = "Any unique string per request (a UUID is fine) so that a retry after a lost answer stores nothing twice.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyRecord.MaxKeyLength },
        });
    }

    internal static void Describe(OpenApiOperation operation, int status, string description, object example)
    {
        if (operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not OpenApiResponse response)
            throw new InvalidOperationException($"The operation {operation.OperationId} declares no {status} response to describe.");
        response.Description = description;
        foreach (var content in response.Content?.Values ?? [])
            content.Example = Node(example);
    }

    internal static void Header(OpenApiOperation operation, int status, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        if (operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not OpenApiResponse response) return;
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    internal static JsonNode? Node(object example) => JsonSerializer.SerializeToNode(example, example.GetType(), Json);
}
