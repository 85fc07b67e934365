using System.Text.RegularExpressions;
using CornerSpot.Domain.Addresses;

namespace CornerSpot.Web.Components.Inbox;

/// <summary>A message body as pieces of text and links. Only an agent's message may carry links, and only absolute
/// http(s) ones; everything else, a visitor's message above all, stays text.</summary>
public static partial class MessageText
{
    public sealed record Piece(string Text, Uri? Link);

    public static IReadOnlyList<Piece> Split(string body, bool links)
    {
        if (!links) return [new Piece(body, null)];
        var pieces = new List<Piece>();
        var at = 0;
        foreach (Match match in Url().Matches(body))
        {
            // A sentence's closing punctuation belongs to the sentence, not to the address.
            var candidate = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            if (!HttpUrl.TryParse(candidate, out var uri)) continue;
            if (match.Index > at) pieces.Add(new Piece(body[at..match.Index], null));
            pieces.Add(new Piece(candidate, uri));
            at = match.Index + candidate.Length;
        }
        if (at < body.Length) pieces.Add(new Piece(body[at..], null));
        return pieces;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Url();
}
