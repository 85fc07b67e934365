using System.Net;
using System.Net.Sockets;
using CornerSpot.Domain.Webhooks;

namespace CornerSpot.Web.Webhooks;

/// <summary>
/// The webhook client's connections. The address is checked when connecting, after DNS, on the address the socket
/// actually connects to: a name that resolves (or re-resolves, DNS rebinding) to loopback, a private network or
/// cloud metadata is refused. No proxy (it would hide the target), no redirects (a public URL must not bounce the
/// request somewhere private).
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler CreateHandler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = options.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowPrivateTargets, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !WebhookTargets.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"Refused: {target.Host} is on this machine or a private network (Webhooks:AllowPrivateTargets is off).");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, target.Port, ct);
            // Belt and braces: judge the peer we really reached.
            if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint { Address: var peer } && WebhookTargets.IsForbidden(peer))
                throw new HttpRequestException(HttpRequestError.ConnectionError, $"Refused: {target.Host} connected to a private address.");
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
