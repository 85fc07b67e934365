using CornerSpot.Domain.Addresses;

namespace CornerSpot.Domain.Callbacks;

/// <summary>What the widget posts to <c>POST /api/widget/callbacks</c>. Untrusted until validated.</summary>
public sealed record CallbackSubmission
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Country { get; init; }
    public TimeWindow? PreferredWindow { get; init; }
    public string? TimeZone { get; init; }
    public string? Note { get; init; }
    public string? Queue { get; init; }
    public string? Email { get; init; }
    public string? PageUrl { get; init; }
    /// <summary>The chat this request falls back from (the widget also sends that chat's visitor token): the request
    /// joins that conversation instead of starting one.</summary>
    public Guid? ConversationId { get; init; }

    /// <summary>
    /// The submission as it should be checked and stored: name and note in NFC (one spelling for "é"), the page URL
    /// without its query and fragment (where reset tokens and access tokens travel; older widgets still send them).
    /// </summary>
    public CallbackSubmission Normalised() => this with
    {
        Name = Name is null ? null : TextRules.Nfc(Name),
        Note = Note is null ? null : TextRules.Nfc(Note),
        PageUrl = HttpUrl.WithoutQueryAndFragment(PageUrl),
    };
}

public sealed record TimeWindow
{
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
}

/// <param name="Repeat">The number already had a Pending request in the queue; this one updated it.</param>
public sealed record CallbackReceipt(Guid Id, Guid ConversationId, CallbackStatus Status, DateTime RequestedAt, bool Repeat = false);
