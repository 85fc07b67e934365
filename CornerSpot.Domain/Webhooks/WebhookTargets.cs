using System.Net;
using System.Net.Sockets;
using CornerSpot.Domain.Addresses;

namespace CornerSpot.Domain.Webhooks;

/// <summary>
/// Where a webhook may go: http(s) to a public address. Loopback, link-local (cloud metadata at 169.254.169.254),
/// private (RFC 1918, CGNAT, ULA, fd00:ec2::254), multicast, reserved and unspecified addresses are refused unless
/// <c>Webhooks:AllowPrivateTargets</c>. Checked when an endpoint is saved and again on the address actually
/// connected to, so a name that later resolves somewhere private is still refused.
/// </summary>
public static class WebhookTargets
{
    /// <returns>null when the URL may be saved; otherwise what is wrong with it, for the admin.</returns>
    public static string? Problem(string? url, bool allowPrivate)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text)) return "Enter the URL to send events to.";
        if (text.Length > WebhookEndpoint.MaxUrlLength) return $"Use at most {WebhookEndpoint.MaxUrlLength} characters.";
        if (!HttpUrl.TryParse(text, out var uri)) return "Enter an absolute http:// or https:// URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Leave user names and passwords out of the URL; the signature authenticates CornerSpot.";
        if (allowPrivate) return null;
        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var address) ? IsForbidden(address) : IsLocalName(host))
            return "That address is on this machine or a private network. Webhooks go to public addresses only.";
        return null;
    }

    private static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for every address a webhook must not reach unless private targets are allowed.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsForbiddenV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)) return true;
        if (b[0] == 0xff) return true;                                   // multicast
        if (b[0] == 0xfe && (b[1] & 0xc0) is 0x80 or 0xc0) return true;  // link-local, old site-local
        if ((b[0] & 0xfe) == 0xfc) return true;                          // unique local (fd00:ec2::254 too)
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)   // NAT64: judge the IPv4 inside
            return IsForbiddenV4(b[12..]);
        if (b[0] == 0x20 && b[1] == 0x02) return IsForbiddenV4(b[2..6]); // 6to4
        return b.Take(10).All(x => x == 0);                              // IPv4-compatible and other ::/80 forms
    }

    private static bool IsForbiddenV4(byte[] b) => b[0] switch
    {
        0 or 10 or 127 => true,                       // "this network", private, loopback
        100 => (b[1] & 0xc0) == 64,                   // 100.64.0.0/10 carrier-grade NAT
        169 => b[1] == 254,                           // link-local, cloud metadata
        172 => (b[1] & 0xf0) == 16,                   // 172.16.0.0/12
        192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99), // private, IETF, TEST-NET-1, 6to4 relay
        198 => (b[1] & 0xfe) == 18 || (b[1] == 51 && b[2] == 100), // benchmarking, TEST-NET-2
        203 => b[1] == 0 && b[2] == 113,              // TEST-NET-3
        >= 224 => true,                               // multicast, reserved, broadcast
        _ => false,
    };
}
