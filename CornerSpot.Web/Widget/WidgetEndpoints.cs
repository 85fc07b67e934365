using System.Text.Json;
using System.Text.Json.Serialization;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Inbox;
using Microsoft.AspNetCore.Cors.Infrastructure;
using CornerSpot.Domain.Queues;
using CornerSpot.Web.Presence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CornerSpot.Web.Widget;

/// <summary>The public, anonymous API the website widget talks to.</summary>
public static class WidgetEndpoints
{
    /// <summary>Every route under it is public API, described in the OpenAPI document (a test holds the two together).</summary>
    public const string RoutePrefix = "/api/widget";
    public const int MaxBodyBytes = 16 * 1024;
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <param name="StatusUrl">The visitor's own link to view, change or cancel the request.</param>
    /// <param name="Repeat">True when the number already had a Pending request in the queue: Id is that request.</param>
    public sealed record CallbackCreated(Guid Id, Guid ConversationId, string Status, DateTimeOffset RequestedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusUrl,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Repeat = false);

    /// <summary>The visitor's status page for a token: <c>/callback/{token}</c>.</summary>
    public static string StatusPath(string token) => $"{StatusPathPrefix}/{token}";

    /// <summary>Where every visitor's status page lives (see <c>CallbackStatusPage</c>, whose route repeats it).</summary>
    public const string StatusPathPrefix = "/callback";

    /// <summary><c>mode</c>: <c>chat</c>, <c>callback</c> or <c>closed</c>.</summary>
    public sealed record Availability(string Queue, int AgentsOnline, bool WithinBusinessHours, bool CallbackEnabled, string Mode);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string CorsPolicy = "widget";

    public static IServiceCollection AddWidgetApi(this IServiceCollection services)
    {
        services.AddSingleton<WidgetRateLimiter>();
        // Replaces the Domain's per-node limit whichever is registered first.
        services.Replace(ServiceDescriptor.Singleton<IChatMessageLimiter, SharedChatMessageLimiter>());
        services.AddSingleton<ChatStreamConnections>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, WidgetCorsPolicyProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RoutePrefix).WithTags("Widget").RequireCors(CorsPolicy);
        group.MapPost("/callbacks", SubmitCallbackAsync).DisableAntiforgery().DescribeSubmitCallback();
        group.MapGet("/availability", GetAvailabilityAsync).DescribeAvailability();
        group.MapChatEndpoints();
        return app;
    }

    public static async Task<Results<Created<CallbackCreated>, ValidationProblem, ProblemHttpResult>> SubmitCallbackAsync(
        HttpRequest request, CallbackIntake intake, QueueStatusQuery queues, WidgetRateLimiter limiter, CancellationToken ct)
    {
        // Counted before anything is read: a client over its limit costs no parsing and no database work.
        if (await limiter.TryAcquireSubmissionAsync(request.HttpContext) is { } retryAfter)
            return TooManyRequests(request.HttpContext, retryAfter);

        if (ContentProblem(request) is { } contentProblem) return contentProblem;
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return RequestTooLarge();

        var key = request.Headers[IdempotencyHeader].ToString();
        if (KeyProblem(key) is { } keyProblem) return keyProblem;

        var (submission, invalid) = Parse<CallbackSubmission>(body);
        if (invalid is not null) return invalid;

        var queue = await queues.FindTargetAsync(submission!.Queue ?? Queue.DefaultSlug, ct);
        if (queue is not null && await limiter.TryAcquireQueueAsync(queue.Slug) is { } queueRetryAfter)
            return TooManyRequests(request.HttpContext, queueRetryAfter);

        var visitorToken = submission.ConversationId is null ? null : request.Headers[VisitorToken.Header].ToString();
        return await intake.SubmitAsync(submission!.Normalised(), key.Length == 0 ? null : key, visitorToken, queue, ct) switch
        {
            IntakeResult.Accepted a => TypedResults.Created(
                InboxFilter.ConversationPath(a.Receipt.ConversationId),
                new CallbackCreated(a.Receipt.Id, a.Receipt.ConversationId, a.Receipt.Status.ToString(),
                    new DateTimeOffset(a.Receipt.RequestedAt, TimeSpan.Zero),
                    a.StatusToken is { } token ? $"{request.Scheme}://{request.Host}{StatusPath(token)}" : null,
                    a.Receipt.Repeat)),
            IntakeResult.Invalid i => TypedResults.ValidationProblem(i.Errors),
            IntakeResult.KeyReused => KeyReused(),
            IntakeResult.CallbacksDisabled d => CallbacksDisabled(d.QueueName),
            IntakeResult.ConversationNotFound => NotFoundProblem(),
            _ => throw new InvalidOperationException("Unknown intake result."),
        };
    }

    public static async Task<Results<Ok<Availability>, ProblemHttpResult>> GetAvailabilityAsync(
        string? queue, QueueStatusQuery queues, PresenceTracker presence, WidgetRateLimiter limiter, HttpResponse response, CancellationToken ct)
    {
        if (await limiter.TryAcquireAvailabilityAsync(response.HttpContext) is { } retryAfter)
            return TooManyRequests(response.HttpContext, retryAfter);
        var slug = string.IsNullOrWhiteSpace(queue) ? Queue.DefaultSlug : queue.Trim();
        if (await queues.GetAsync(slug, ct) is not { } status)
            return NoSuchQueue();

        // Null when other nodes' agents cannot be seen: then no chat, which could leave a visitor waiting for no one.
        var agents = await presence.CountAvailableAsync(ct);
        var mode = agents > 0 && status.WithinBusinessHours ? "chat"
            : status.CallbackEnabled ? "callback"
            : "closed";
        // Changes whenever an agent comes or goes: never let a browser or proxy keep an old answer.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Availability(status.Slug, agents ?? 0, status.WithinBusinessHours, status.CallbackEnabled, mode));
    }

    /// <summary>A JSON body read within the widget's limits: the value, or the answer to give instead.</summary>
    public sealed record JsonBody<T>(T? Value, ProblemHttpResult? Problem, ValidationProblem? Invalid) where T : class;

    /// <summary>Reads a JSON object of at most <see cref="MaxBodyBytes"/>: 415 when it is not JSON, 413 when too large,
    /// 400 when malformed or of the wrong shape.</summary>
    public static async Task<JsonBody<T>> ReadJsonAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (ContentProblem(request) is { } contentProblem) return new(null, contentProblem, null);
        var body = await ReadBodyAsync(request, ct);
        if (body is null) return new(null, RequestTooLarge(), null);
        var (value, invalid) = Parse<T>(body);
        return new(value, null, invalid);
    }

    private static ProblemHttpResult? ContentProblem(HttpRequest request) => request.HasJsonContentType() ? null : UnsupportedContentType();

    /// <summary>An Idempotency-Key the server will not store (too long, control characters).</summary>
    public static ValidationProblem? KeyProblem(string key) =>
        key.Length > IdempotencyRecord.MaxKeyLength || key.Any(char.IsControl)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["idempotencyKey"] = [$"The {IdempotencyHeader} header must be at most {IdempotencyRecord.MaxKeyLength} printable characters."],
            })
            : null;

    private static (T? Value, ValidationProblem? Invalid) Parse<T>(byte[] body) where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException ex)
        {
            if (!IsWellFormedJson(body))
                return (null, TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["body"] = ["The request body is not valid JSON."] },
                    title: "The request body is not valid JSON."));
            var errors = WrongTypeError(ex);
            return (null, TypedResults.ValidationProblem(errors,
                title: errors.ContainsKey("body") ? "The request body must be a JSON object." : "One or more fields have the wrong type."));
        }
        return value is null
            ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object."] },
                title: "The request body must be a JSON object."))
            : (value, null);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // The serializer reports a syntax error with the path it had reached ("$.phone" for a body cut off
    // after "phone":), so tell syntax errors from wrong types by parsing once more.
    private static bool IsWellFormedJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, string[]> WrongTypeError(JsonException ex)
    {
        // "$.preferredWindow.start" -> "preferredWindow"; the widget shows errors per form field.
        var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..].Split('.', '[')[0]
            : "body";
        var message = field == "body"
            ? "Send a JSON object."
            : $"The value of {field} has the wrong type or format.";
        return new() { [field] = [message] };
    }

    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            "We have received several requests from you in a short time. Please try again in a minute.");
    }

    // The answers below are also the examples in the OpenAPI document (WidgetApiDescription).
    public static ProblemHttpResult UnsupportedContentType() => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
        "Send the request as JSON with Content-Type: application/json.");

    public static ProblemHttpResult RequestTooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
        $"A request must be at most {MaxBodyBytes / 1024} KB.");

    public static ProblemHttpResult KeyReused() => Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key already used",
        $"This {IdempotencyHeader} was already used for a different callback request. Use a new key for a new request.");

    public static ProblemHttpResult CallbacksDisabled(string queueName) => Problem(StatusCodes.Status403Forbidden,
        "Callback requests are turned off", $"The {queueName} team is not taking callback requests right now.");

    public static ProblemHttpResult NoSuchQueue() => Problem(StatusCodes.Status404NotFound, "No such queue", "There is no open queue with this name.");

    /// <summary>No such conversation, or the token does not open it: the same answer, so a guess learns nothing.</summary>
    public static ProblemHttpResult NotFoundProblem() =>
        Problem(StatusCodes.Status404NotFound, "Not found", "There is no such conversation.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
