namespace CornerSpot.Domain.Addresses;

/// <summary>Builds <c>mailto:</c> links. Every part is percent-encoded, so an address can never add cc, bcc, subject or body.</summary>
public static class Mailto
{
    public static string Href(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0
            ? "mailto:" + Uri.EscapeDataString(email)
            : "mailto:" + Uri.EscapeDataString(email[..at]) + "@" + Uri.EscapeDataString(email[(at + 1)..]);
    }
}
