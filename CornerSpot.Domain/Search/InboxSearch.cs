using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Phones;

namespace CornerSpot.Domain.Search;

/// <summary>What an agent typed into "Search conversations…": the term, the phone digits it may stand for, and
/// the full-text queries and LIKE pattern that find them.</summary>
public sealed record InboxSearch(string Term, IReadOnlyList<string> PhoneDigits)
{
    public const string Escape = "\\";
    private const int MinPhoneDigits = 4;
    private const int MinIndexedLength = 3;

    /// <summary>The trigram index finds substrings of 3 characters or more; shorter ones need a scan.</summary>
    public bool CanUseIndex => Term.Length >= MinIndexedLength;

    /// <summary>FTS5 query on the customers' trigram index: the term anywhere in a name or email, or its digits
    /// anywhere in a phone number.</summary>
    public string CustomerMatch =>
        "{Name Email} : " + Quote(Term) + string.Concat(PhoneDigits.Select(d => " OR PhoneE164 : " + Quote(d)));

    /// <summary>FTS5 query on the message word index: the term's words in order, the last one as a prefix; null when
    /// the term has no word in it at all.</summary>
    public string? MessageMatch => Term.Any(char.IsLetterOrDigit) ? Quote(Term) + "*" : null;

    /// <summary>The same on PostgreSQL, a tsquery: the term's words in order, the last one as a prefix.</summary>
    public string? MessageTsQuery =>
        Words().ToList() is { Count: > 0 } words
            ? string.Join(" <-> ", words.Select(w => $"'{w}'")) + ":*"
            : null;

    /// <summary>Whether <see cref="MessageTsQuery"/> has more than one word.</summary>
    public bool MessageTsQueryIsPhrase => Words().Skip(1).Any();

    public string LikePattern => $"%{EscapeLike(Term)}%";

    public static InboxSearch? Parse(string? text, PhoneNumberParser phones)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var term = text.Trim();
        if (term.Length > InboxFilter.MaxSearchLength) term = term[..InboxFilter.MaxSearchLength];

        var phoneDigits = new List<string>();
        if (LooksLikePhone(term))
        {
            var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
            // A whole number in any format: compare its E.164 digits.
            if (phones.ToE164(term) is { } e164) phoneDigits.Add(e164[1..]);
            if (digits.Length >= MinPhoneDigits)
            {
                phoneDigits.Add(digits);
                // National forms carry a trunk "0" that E.164 drops: "07946 0958" is "…7946 0958" in "+44 20 7946 0958".
                var withoutTrunk = digits.TrimStart('0');
                if (withoutTrunk.Length >= MinPhoneDigits && withoutTrunk != digits) phoneDigits.Add(withoutTrunk);
            }
        }
        return new InboxSearch(term, phoneDigits.Distinct().ToList());
    }

    // Letters and digits only, so nothing in a word means anything to tsquery.
    private IEnumerable<string> Words() =>
        System.Text.RegularExpressions.Regex.Matches(Term, @"[\p{L}\p{N}]+").Select(m => m.Value);

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    private static bool LooksLikePhone(string term) =>
        term.Any(char.IsAsciiDigit) && term.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')' or '.' or '/');

    private static string EscapeLike(string s) =>
        s.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
}
