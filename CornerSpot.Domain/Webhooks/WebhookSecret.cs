using System.Security.Cryptography;

namespace CornerSpot.Domain.Webhooks;

/// <summary>A Standard Webhooks signing secret: <c>whsec_</c> and the base64 of 32 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const string ProtectorPurpose = "CornerSpot.Webhooks.Secret";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
