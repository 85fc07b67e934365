using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CornerSpot.Domain.Chat;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Api;
using CornerSpot.Web.Widget;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Api;

/// <summary>The OpenAPI document at /openapi/v1.json against the routes the app really maps.</summary>
public sealed partial class OpenApiDocumentTests : AppTest
{
    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await Client.GetStringAsync(ApiReference.DocumentPath, Ct))!.AsObject();

    /// <summary>"POST /api/widget/callbacks" for every public route the app maps (route constraints and optional marks dropped,
    /// as OpenAPI writes them).</summary>
    private HashSet<string> MappedWidgetOperations()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        return endpoints
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(WidgetEndpoints.RoutePrefix + "/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(m => $"{m.ToUpperInvariant()} {OpenApiPath(e.RoutePattern.RawText!)}"))
            .ToHashSet();
    }

    private static HashSet<string> DocumentedOperations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

    private static string OpenApiPath(string routePattern) =>
        RouteParameter().Replace("/" + routePattern.TrimStart('/'), m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task The_document_lists_exactly_the_widget_routes_the_app_maps()
    {
        var document = await DocumentAsync();

        var mapped = MappedWidgetOperations();

        Assert.Contains("POST /api/widget/callbacks", mapped);
        Assert.Contains("GET /api/widget/availability", mapped);
        Assert.Equal(mapped.Order(), DocumentedOperations(document).Order());
    }

    [Fact]
    public async Task The_document_is_OpenAPI_3_1()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", (string?)document["openapi"]);
        Assert.Equal("CornerSpot widget API", (string?)document["info"]!["title"]);
    }

    [Fact]
    public async Task Every_operation_documents_its_problem_answers_as_problem_details_with_an_example()
    {
        var document = await DocumentAsync();
        var expected = new Dictionary<string, string[]>
        {
            ["post /api/widget/callbacks"] = ["400", "403", "404", "413", "415", "422", "429"],
            ["get /api/widget/availability"] = ["404", "429"],
            ["post /api/widget/conversations"] = ["400", "413", "415", "429"],
            ["post /api/widget/conversations/{id}/messages"] = ["400", "404", "413", "415", "422", "429"],
            ["get /api/widget/conversations/{id}/messages"] = ["400", "404"],
            ["post /api/widget/conversations/{id}/typing"] = ["404"],
            ["get /api/widget/conversations/{id}/events"] = ["404", "429"],
        };

        foreach (var (operation, statuses) in expected)
        {
            var method = operation.Split(' ')[0];
            var responses = document["paths"]![operation.Split(' ')[1]]![method]!["responses"]!.AsObject();
            Assert.Equal(statuses, responses.Select(r => r.Key).Where(k => k[0] is '4').Order());
            foreach (var status in statuses)
            {
                var content = responses[status]!["content"]!.AsObject();
                var problem = Assert.Single(content, c => c.Key == "application/problem+json").Value!;
                Assert.Equal(int.Parse(status), (int?)problem["example"]?["status"]);
                Assert.False(string.IsNullOrEmpty((string?)problem["example"]?["title"]), $"{operation} {status} has no example title");
            }
        }
    }

    [Fact]
    public async Task The_callback_request_body_and_answer_have_schemas_and_examples()
    {
        var document = await DocumentAsync();
        var post = document["paths"]!["/api/widget/callbacks"]!["post"]!;

        var body = post["requestBody"]!["content"]!["application/json"]!;
        Assert.NotNull(body["schema"]);
        Assert.Equal("Ada Lovelace", (string?)body["example"]!["name"]);
        var created = post["responses"]!["201"]!["content"]!["application/json"]!;
        Assert.NotNull(created["schema"]);
        Assert.Equal("Pending", (string?)created["example"]!["status"]);
        Assert.Contains(post["parameters"]!.AsArray(), p => (string?)p!["name"] == WidgetEndpoints.IdempotencyHeader && (string?)p["in"] == "header");
        Assert.NotNull(post["responses"]!["429"]!["headers"]!["Retry-After"]);
    }

    [Fact]
    public async Task The_chat_routes_document_the_visitor_token_header_and_the_stream_documents_text_event_stream()
    {
        var paths = (await DocumentAsync())["paths"]!;
        var withToken = new[]
        {
            paths["/api/widget/conversations/{id}/messages"]!["post"]!, paths["/api/widget/conversations/{id}/messages"]!["get"]!,
            paths["/api/widget/conversations/{id}/typing"]!["post"]!, paths["/api/widget/conversations/{id}/events"]!["get"]!,
        };

        foreach (var operation in withToken)
            Assert.Contains(operation["parameters"]!.AsArray(),
                p => (string?)p!["name"] == VisitorToken.Header && (string?)p["in"] == "header" && (bool?)p["required"] == true);
        var send = paths["/api/widget/conversations/{id}/messages"]!["post"]!;
        Assert.Contains(send["parameters"]!.AsArray(), p => (string?)p!["name"] == WidgetEndpoints.IdempotencyHeader);
        Assert.Equal("Order 10442, placed on Monday.", (string?)send["requestBody"]!["content"]!["application/json"]!["example"]!["text"]);
        var events = paths["/api/widget/conversations/{id}/events"]!["get"]!;
        Assert.Contains(events["parameters"]!.AsArray(), p => (string?)p!["name"] == "Last-Event-ID" && (string?)p["in"] == "header");
        var stream = events["responses"]!["200"]!["content"]!["text/event-stream"]!;
        Assert.Contains("event: message", (string?)stream["example"]);
        Assert.NotNull(events["responses"]!["429"]!["headers"]!["Retry-After"]);
    }

    [Fact]
    public async Task Console_pages_sign_in_and_the_team_export_are_not_in_the_document()
    {
        var documented = string.Join('\n', DocumentedOperations(await DocumentAsync()));

        Assert.DoesNotContain("/dashboard", documented);
        Assert.DoesNotContain("/account", documented);
        Assert.DoesNotContain("/health", documented);
        Assert.DoesNotContain("/callback/", documented);
    }
}
