using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CornerSpot.Web.Agents;

/// <summary>
/// Slows password guessing without handing anyone a way to lock the owner out. Failures are counted per client
/// address and per (address, account): after a few free tries each further failure doubles the wait, capped at
/// <c>Auth:MaxBackoffSeconds</c>. Someone guessing at the admin's password from their own address only slows
/// themselves; the admin signing in from elsewhere is not affected. Unknown and real accounts are treated alike,
/// so the wait says nothing about whether an account exists. A success clears that pair's count.
/// </summary>
/// <remarks>Per node, in memory: behind a load balancer with cookie affinity a client keeps to one node.</remarks>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration config)
{
    private const int MaxTracked = 50_000;

    private readonly int _freePerAccount = config.GetValue("Auth:FreeAttempts", 5);
    private readonly int _freePerAddress = config.GetValue("Auth:FreeAttemptsPerAddress", 20);
    private readonly TimeSpan _maxWait = TimeSpan.FromSeconds(config.GetValue("Auth:MaxBackoffSeconds", 300));
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private readonly record struct Failures(int Count, DateTimeOffset Last);

    /// <summary>How long this client must wait before trying this account again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string address, string email)
    {
        var now = clock.GetUtcNow();
        var byAddress = Wait(AddressKey(address), _freePerAddress, now);
        var byAccount = Wait(PairKey(address, email), _freePerAccount, now);
        return byAddress > byAccount ? byAddress : byAccount;
    }

    public void Failed(string address, string email)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > MaxTracked) Forget(now);
        foreach (var key in new[] { AddressKey(address), PairKey(address, email) })
            // A count idle for longer than the longest wait starts again: yesterday's typos do not slow today.
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => new Failures(IsStale(f, now) ? 1 : f.Count + 1, now));
    }

    public void Succeeded(string address, string email) => _failures.TryRemove(PairKey(address, email), out _);

    private TimeSpan Wait(string key, int free, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || f.Count < free) return TimeSpan.Zero;
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

    private bool IsStale(Failures f, DateTimeOffset now) => now - f.Last > _maxWait * 2;

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
}
