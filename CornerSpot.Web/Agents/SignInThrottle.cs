using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CornerSpot.Web.Cluster;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Slows password guessing without handing anyone a way to lock the owner out. Failures are counted per client
/// address and per (address, account): after a few free tries each further failure doubles the wait, capped at
/// <c>Auth:MaxBackoffSeconds</c>. Someone guessing at the admin's password from their own address only slows
/// themselves; the admin signing in from elsewhere is not affected. Unknown and real accounts are treated alike,
/// so the wait says nothing about whether an account exists. A success clears that pair's count.
/// </summary>
/// <remarks>With Redis the counts are shared by every node (<see cref="SharedCounter"/>), so a guesser gains nothing by
/// spreading tries over nodes; while Redis is down each node counts on its own.</remarks>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration config, SharedCounter? shared = null)
{
    private const int MaxTracked = 50_000;

    private readonly int _freePerAccount = config.GetValue("Auth:FreeAttempts", 5);
    private readonly int _freePerAddress = config.GetValue("Auth:FreeAttemptsPerAddress", 20);
    private readonly TimeSpan _maxWait = TimeSpan.FromSeconds(config.GetValue("Auth:MaxBackoffSeconds", 300));
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private readonly record struct Failures(int Count, DateTimeOffset Last);

    /// <summary>A count idle for this long starts again: yesterday's typos do not slow today.</summary>
    private TimeSpan ForgetAfter => _maxWait * 2;

    /// <summary>How long this client must wait before trying this account again; zero when it may try now.</summary>
    public async ValueTask<TimeSpan> RetryAfterAsync(string address, string email)
    {
        var now = clock.GetUtcNow();
        var byAddress = Wait(await FailuresAsync(AddressKey(address), now), _freePerAddress, now);
        var byAccount = Wait(await FailuresAsync(PairKey(address, email), now), _freePerAccount, now);
        return byAddress > byAccount ? byAddress : byAccount;
    }

    public async ValueTask FailedAsync(string address, string email)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { AddressKey(address), PairKey(address, email) })
        {
            // Sliding: the shared count lives until ForgetAfter of quiet, so its time left tells when the last failure was.
            if (shared is not null && await shared.IncrementAsync(SharedKey(key), ForgetAfter, slide: true) is not null) continue;
            if (_failures.Count > MaxTracked) Forget(now);
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => new Failures(IsStale(f, now) ? 1 : f.Count + 1, now));
        }
    }

    public async ValueTask SucceededAsync(string address, string email)
    {
        var key = PairKey(address, email);
        _failures.TryRemove(key, out _);
        if (shared is not null) await shared.DeleteAsync(SharedKey(key));
    }

    private async ValueTask<Failures?> FailuresAsync(string key, DateTimeOffset now)
    {
        if (shared is not null && await shared.ReadAsync(SharedKey(key)) is { } count)
            return count.Count == 0 ? null : new Failures((int)count.Count, now - (ForgetAfter - count.ExpiresIn));
        return _failures.TryGetValue(key, out var f) ? f : null;
    }

    private TimeSpan Wait(Failures? failures, int free, DateTimeOffset now)
    {
        if (failures is not { } f || f.Count < free || IsStale(f, now)) return TimeSpan.Zero;
        var doublings = Math.Min(f.Count - free, 20);
        var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, doublings), _maxWait.TotalSeconds));
        var left = f.Last + wait - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Drops counts idle for longer than the longest wait: they would allow a try anyway.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
            if (IsStale(f, now)) _failures.TryRemove(key, out _);
    }

    private bool IsStale(Failures f, DateTimeOffset now) => now - f.Last > ForgetAfter;

    /// <summary>An IPv6 client usually holds a whole /64 and can pick any address in it: count the /64.</summary>
    private static string AddressKey(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6 || ip.IsIPv4MappedToIPv6)
            return address;
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    private static string PairKey(string address, string email) => $"{AddressKey(address)}\n{email.Trim().ToUpperInvariant()}";

    /// <summary>Hashed: Redis holds no email addresses.</summary>
    private static string SharedKey(string key) => "signin|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
