using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>
/// A CRM's webhook endpoint: a small Kestrel app on a loopback port that records every request it gets and answers
/// with the status the test chooses for that request (by its number, from 1).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IHeaderDictionary Headers, string Body);

    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private int _count;

    private WebhookReceiver(Func<int, HttpContext, IResult> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            var number = Interlocked.Increment(ref _count);
            _received.Writer.TryWrite(new Received(context.Request.Path, headers, body));
            return answer(number, context);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpContext, IResult>? answer = null)
    {
        var receiver = new WebhookReceiver(answer ?? ((_, _) => Results.NoContent()));
        await receiver._app.StartAsync();
        return receiver;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The URL of a path on this receiver, by IP (127.0.0.1).</summary>
    public string Url(string path = "/hooks") => new Uri(BaseAddress, path).ToString();

    /// <summary>The next request received; fails the test if none comes within 30 s.</summary>
    public async Task<Received> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Requests received and not yet read by <see cref="NextAsync"/>.</summary>
    public int Unread => _received.Reader.Count;

    public int Count => Volatile.Read(ref _count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
