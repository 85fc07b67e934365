using System.Security.Cryptography;

namespace CornerSpot.Domain.Callbacks;

/// <summary>A visitor's link to their own request, <c>/callback/{token}</c>. Only the token's SHA-256 is stored.</summary>
public sealed class CallbackLink
{
    public required string TokenHash { get; init; }
    public Guid CallbackRequestId { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>22 characters of base64url: 128 random bits.</summary>
    public const int TokenLength = 22;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether the text has the shape of a token at all (so a wrong one costs no database read).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
