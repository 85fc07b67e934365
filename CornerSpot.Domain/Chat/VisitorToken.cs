using System.Security.Cryptography;
using System.Text;
using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Domain.Chat;

/// <summary>The chat visitor's secret: 128 random bits, stored only as its SHA-256, compared in constant time.</summary>
public static class VisitorToken
{
    public const string Header = "X-Visitor-Token";

    public static string New() => CallbackLink.NewToken();

    public static string Hash(string token) => CallbackLink.Hash(token);

    public static bool Matches(string? token, string? storedHash)
    {
        if (storedHash is null || !CallbackLink.LooksLikeToken(token)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token!)), Encoding.ASCII.GetBytes(storedHash));
    }
}
