namespace CornerSpot.Domain.Addresses;

/// <summary>The one check for "an absolute http(s) address": page URLs, allowed origins and the links the console draws.</summary>
public static class HttpUrl
{
    public static bool TryParse(string? text, out Uri uri)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            uri = parsed;
            return true;
        }
        uri = null!;
        return false;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>
    /// Scheme, host, port and path only. A page's query and fragment carry reset tokens, OAuth access tokens and
    /// session ids, which the console has no business keeping. Anything not http(s) comes back unchanged.
    /// </summary>
    public static string? WithoutQueryAndFragment(string? text)
    {
        if (!TryParse(text?.Trim(), out var uri)) return text;
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }
}
