using CornerSpot.Domain.Addresses;
using CornerSpot.Domain.Callbacks;

namespace CornerSpot.Domain.Chat;

/// <summary>What the widget posts to <c>POST /api/widget/conversations</c>. Untrusted until validated.</summary>
public sealed record ChatStart
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Message { get; init; }
    public string? Queue { get; init; }
    public string? PageUrl { get; init; }

    /// <summary>Name and message in NFC, the page URL without its query and fragment (see <see cref="CallbackSubmission.Normalised"/>).</summary>
    public ChatStart Normalised() => this with
    {
        Name = Name is null ? null : TextRules.Nfc(Name),
        Message = Message is null ? null : TextRules.Nfc(Message),
        PageUrl = HttpUrl.WithoutQueryAndFragment(PageUrl),
    };
}
