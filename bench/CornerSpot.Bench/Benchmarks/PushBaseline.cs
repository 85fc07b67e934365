using System.Net;
using Microsoft.AspNetCore.Builder;
using CornerSpot.Bench.Harness;
using Microsoft.AspNetCore.SignalR;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>The floor for push latency: a bare SignalR hub on its own Kestrel loopback socket in this process. A POST
/// to <c>/callbacks</c> broadcasts the visitor's name to every connected page and answers 201; each page (the
/// @microsoft/signalr browser client, WebSockets) prepends a row with that name. No database, no query, no render tree.</summary>
public sealed class PushBaseline(WebApplication app) : BaselineHost(app)
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Push baseline</title></head>
        <body>
        <ul aria-label="Conversations" id="rows"></ul>
        <script src="/signalr.min.js"></script>
        <script>
          const rows = document.getElementById('rows');
          const connection = new signalR.HubConnectionBuilder()
            .withUrl('/hub', { transport: signalR.HttpTransportType.WebSockets })
            .build();
          connection.on('callbackRequested', name => {
            const row = document.createElement('a');
            row.dataset.testid = 'conversation-row';
            const label = document.createElement('span');
            label.className = 'cs-row__name';
            label.textContent = name;
            row.append(label);
            const item = document.createElement('li');
            item.append(row);
            rows.prepend(item);
          });
          connection.start().then(() => document.body.dataset.interactive = 'true');
        </script>
        </body>
        </html>
        """;

    public static string ClientScriptPath { get; } =
        Path.Combine(BenchPaths.Root, "bench", "CornerSpot.Bench", "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");

    public static async Task<PushBaseline> StartAsync()
    {
        if (!File.Exists(ClientScriptPath))
            throw new FileNotFoundException("The SignalR browser client is missing; building the bench runs `npm ci` in bench/CornerSpot.Bench.", ClientScriptPath);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSignalR();

        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        app.MapGet("/signalr.min.js", () => Results.File(ClientScriptPath, "text/javascript"));
        app.MapHub<BaselineHub>("/hub");
        // Broadcast first, then answer: the app likewise publishes its event before its 201.
        app.MapPost("/callbacks", async (Arrival body, IHubContext<BaselineHub> hub) =>
        {
            await hub.Clients.All.SendAsync("callbackRequested", body.Name);
            return Results.Created((string?)null, null);
        });
        await app.StartAsync();

        return new PushBaseline(app);
    }

    public sealed record Arrival(string Name);

    public sealed class BaselineHub : Hub;
}
