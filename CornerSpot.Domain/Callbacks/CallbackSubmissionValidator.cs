using System.Globalization;
using System.Net.Mail;
using System.Text;
using CornerSpot.Domain.Addresses;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using FluentValidation;
using static CornerSpot.Domain.Callbacks.CallbackLimits;

namespace CornerSpot.Domain.Callbacks;

public sealed class CallbackSubmissionValidator : AbstractValidator<CallbackSubmission>
{
    private const string QueueKey = "queue";

    /// <summary>The queue a valid submission goes to, as the validator found it.</summary>
    public static QueueTarget QueueOf(ValidationContext<CallbackSubmission> validated) =>
        (QueueTarget)validated.RootContextData[QueueKey];

    /// <summary>A context for <paramref name="submission"/> that starts from its queue as the caller already read it
    /// (null: not read); the validator then reads it only if the submission names another.</summary>
    public static ValidationContext<CallbackSubmission> ContextFor(CallbackSubmission submission, QueueTarget? queue)
    {
        var context = new ValidationContext<CallbackSubmission>(submission);
        if (queue is not null) context.RootContextData[QueueKey] = queue;
        return context;
    }

    public CallbackSubmissionValidator(PhoneNumberParser phones, TimeProvider clock, QueueStatusQuery queues)
    {
        // Later checks in a chain assume the earlier ones passed (a null name is not trimmed),
        // and one message per field is what the widget shows anyway.
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(s => s.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(CallbackMessages.NameRequired)
            .Must(n => TextRules.Nfc(n!).Trim().Length <= MaxNameLength).WithMessage(CallbackMessages.NameTooLong)
            .Must(n => !TextRules.HasForbiddenCharacters(n!, allowLineBreaks: false)).WithMessage(CallbackMessages.NameCharacters)
            .Must(n => !TextRules.HasInvisibleCharacters(n!)).WithMessage(CallbackMessages.NameInvisible)
            .Must(n => !TextRules.HasStackedMarks(TextRules.Nfc(n!))).WithMessage(CallbackMessages.NameStackedMarks)
            .Must(n => TextRules.HasLetterOrDigit(n!)).WithMessage(CallbackMessages.NameNoLetter)
            .OverridePropertyName("name");

        RuleFor(s => s.Phone)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(CallbackMessages.PhoneRequired)
            .Must((s, p) => phones.Parse(p, s.Country) is not null).WithMessage(CallbackMessages.PhoneInvalid)
            .Must((s, p) => phones.Parse(p, s.Country)!.IsCallable).WithMessage(CallbackMessages.PhoneNotCallable)
            .OverridePropertyName("phone");

        RuleFor(s => s.Country)
            .Must(PhoneNumberParser.IsKnownRegion).When(s => s.Country is not null)
            .WithMessage(CallbackMessages.CountryInvalid)
            .OverridePropertyName("country");

        RuleFor(s => s.Note)
            .Must(n => TextRules.Nfc(n!).Length <= MaxNoteLength).WithMessage(CallbackMessages.NoteTooLong)
            .Must(n => !TextRules.HasForbiddenCharacters(n!, allowLineBreaks: true)).WithMessage(CallbackMessages.NoteCharacters)
            .Must(n => !TextRules.HasStackedMarks(TextRules.Nfc(n!))).WithMessage(CallbackMessages.NoteCharacters)
            .When(s => s.Note is not null)
            .OverridePropertyName("note");

        // {"start": null, "end": null} is "neither", like leaving the window out.
        RuleFor(s => s.PreferredWindow).Custom((window, context) =>
        {
            if (PreferredWindowRule.Problem(window, clock.GetUtcNow()) is { } problem)
                context.AddFailure("preferredWindow", problem);
        });

        RuleFor(s => s.TimeZone)
            .Must(TextRules.IsIanaTimeZone).When(s => s.TimeZone is not null)
            .WithMessage(CallbackMessages.TimeZoneInvalid)
            .OverridePropertyName("timeZone");

        RuleFor(s => s.Email)
            .Must(TextRules.IsEmail).When(s => !string.IsNullOrWhiteSpace(s.Email))
            .WithMessage(CallbackMessages.EmailInvalid)
            .OverridePropertyName("email");

        RuleFor(s => s.PageUrl)
            .Must(u => u!.Length <= MaxPageUrlLength && HttpUrl.IsValid(u)).When(s => !string.IsNullOrEmpty(s.PageUrl))
            .WithMessage(CallbackMessages.PageUrlInvalid)
            .OverridePropertyName("pageUrl");

        // One read of the queue answers "does it exist" and "does it call this number's country", and is handed to
        // intake through the context (see QueueOf).
        RuleFor(s => s).CustomAsync(async (s, context, ct) =>
        {
            var slug = s.Queue ?? Queue.DefaultSlug;
            var queue = context.RootContextData.TryGetValue(QueueKey, out var given) && given is QueueTarget read && read.Slug == slug
                ? read
                : await queues.FindTargetAsync(slug, ct);
            if (queue is null)
            {
                context.RootContextData.Remove(QueueKey);
                context.AddFailure("queue", CallbackMessages.QueueUnknown);
                return;
            }
            context.RootContextData[QueueKey] = queue;

            var regions = Queue.CountryList(queue.AllowedCountries);
            if (regions.Count > 0 && phones.Parse(s.Phone, s.Country) is { IsCallable: true } phone && !regions.Contains(phone.Region))
                context.AddFailure("phone", CallbackMessages.PhoneCountryNotAllowed(regions));
        });
    }
}

public static class TextRules
{
    /// <summary>Control characters and the Unicode bidi overrides that can disguise text.</summary>
    public static bool HasForbiddenCharacters(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (allowLineBreaks && ch is '\n' or '\r' or '\t' or '\u2028' or '\u2029') continue;
            if (ch is '\u2028' or '\u2029') return true;
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsControl(ch) || char.IsSurrogate(ch) || IsBidiControl(ch)) return true;
        }
        return false;
    }

    private static bool IsBidiControl(char ch) =>
        ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>NFC form, so "e" + combining acute and "é" are the same name. Text with a lone surrogate cannot be
    /// normalised; it comes back unchanged for <see cref="HasForbiddenCharacters"/> to refuse.</summary>
    public static string Nfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>Format characters (zero-width space, joiners, soft hyphen, tags…) and the Hangul fillers, which are
    /// letters to Unicode but draw nothing: a name made of them looks empty in the inbox.</summary>
    public static bool HasInvisibleCharacters(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format || rune.Value is 0x3164 or 0x115F or 0x1160 or 0xFFA0)
                return true;
        return false;
    }

    /// <summary>More than <see cref="CallbackLimits.MaxCombiningMarksInARow"/> combining marks in a row.</summary>
    public static bool HasStackedMarks(string text)
    {
        var run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            run = Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark ? run + 1 : 0;
            if (run > CallbackLimits.MaxCombiningMarksInARow) return true;
        }
        return false;
    }

    public static bool HasLetterOrDigit(string text) => text.EnumerateRunes().Any(Rune.IsLetterOrDigit);

    public static bool IsIanaTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxTimeZoneLength
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz) && tz.HasIanaId;

    public static bool IsEmail(string? email)
    {
        if (email is null || email.Length > MaxEmailLength) return false;
        var trimmed = email.Trim();
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && parsed.Host.Contains('.')
               && !HasForbiddenCharacters(trimmed, allowLineBreaks: false) && !HasInvisibleCharacters(trimmed) && IsPlainLocalPart(parsed.User);
    }

    // "?", "&" and "%" are legal in a local part but turn a mailto: link into one that adds cc, bcc or a body;
    // no visitor's real address needs them.
    private static bool IsPlainLocalPart(string local) =>
        !local.Any(ch => ch is '?' or '&' or '%' || char.IsWhiteSpace(ch));
}
