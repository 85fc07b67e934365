using System.Net.Mail;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Phones;
using CornerSpot.Domain.Queues;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Callbacks;

public sealed class CallbackSubmissionValidator : AbstractValidator<CallbackSubmission>
{
    private const string QueueKey = "queue";

    /// <summary>The queue a valid submission goes to, as the validator found it.</summary>
    public static QueueTarget QueueOf(ValidationContext<CallbackSubmission> validated) =>
        (QueueTarget)validated.RootContextData[QueueKey];

    public const int MaxNameLength = 100;
    public const int MaxNoteLength = 1000;
    public const int MaxEmailLength = 254;
    public const int MaxPageUrlLength = 2048;
    public const int MaxWindowDaysAhead = 30;

    public CallbackSubmissionValidator(
        PhoneNumberParser phones, TimeProvider clock, IDbContextFactory<CornerSpotDb> dbFactory)
    {
        // Later checks in a chain assume the earlier ones passed (a null name is not trimmed),
        // and one message per field is what the widget shows anyway.
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(s => s.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your name.")
            .Must(n => n!.Trim().Length <= MaxNameLength).WithMessage($"Name must be {MaxNameLength} characters or fewer.")
            .Must(n => !TextRules.HasForbiddenCharacters(n!, allowLineBreaks: false))
            .WithMessage("Name contains characters that are not allowed.")
            .OverridePropertyName("name");

        RuleFor(s => s.Phone)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter a phone number.")
            .Must((s, p) => phones.ToE164(p, s.Country) is not null)
            .WithMessage("Enter a valid phone number, with the country code (for example +44 20 7946 0958).")
            .OverridePropertyName("phone");

        RuleFor(s => s.Country)
            .Must(PhoneNumberParser.IsKnownRegion).When(s => s.Country is not null)
            .WithMessage("Country must be a two-letter region code such as GB or US.")
            .OverridePropertyName("country");

        RuleFor(s => s.Note)
            .Must(n => n!.Length <= MaxNoteLength).WithMessage($"Note must be {MaxNoteLength} characters or fewer.")
            .Must(n => !TextRules.HasForbiddenCharacters(n!, allowLineBreaks: true))
            .WithMessage("Note contains characters that are not allowed.")
            .When(s => s.Note is not null)
            .OverridePropertyName("note");

        // {"start": null, "end": null} is "neither", like leaving the window out.
        RuleFor(s => s.PreferredWindow!)
            .Must(w => w.Start.HasValue == w.End.HasValue)
            .WithMessage("Give both the start and the end of the preferred time window, or neither.")
            .When(s => s.PreferredWindow is not null)
            .OverridePropertyName("preferredWindow");

        RuleFor(s => s.PreferredWindow!)
            .Must(w => w.Start < w.End).WithMessage("The preferred time window must end after it starts.")
            .Must(w => w.End > clock.GetUtcNow()).WithMessage("The preferred time window has already ended.")
            .Must(w => w.Start <= clock.GetUtcNow().AddDays(MaxWindowDaysAhead))
            .WithMessage($"The preferred time window must start within the next {MaxWindowDaysAhead} days.")
            .When(s => s.PreferredWindow is { Start: not null, End: not null })
            .OverridePropertyName("preferredWindow");

        RuleFor(s => s.TimeZone)
            .Must(TextRules.IsIanaTimeZone).When(s => s.TimeZone is not null)
            .WithMessage("Time zone must be an IANA time zone such as Europe/London.")
            .OverridePropertyName("timeZone");

        RuleFor(s => s.Email)
            .Must(TextRules.IsEmail).When(s => !string.IsNullOrWhiteSpace(s.Email))
            .WithMessage("Enter a valid email address, or leave it empty.")
            .OverridePropertyName("email");

        RuleFor(s => s.PageUrl)
            .Must(TextRules.IsWebPageUrl).When(s => !string.IsNullOrEmpty(s.PageUrl))
            .WithMessage($"Page URL must be an absolute http(s) address of at most {MaxPageUrlLength} characters.")
            .OverridePropertyName("pageUrl");

        // The queue is looked up once, here, and handed to intake through the context (see QueueOf).
        RuleFor(s => s.Queue)
            .CustomAsync(async (slug, context, ct) =>
            {
                slug ??= Queue.DefaultSlug;
                QueueTarget? queue = null;
                if (slug.Length <= Queue.MaxSlugLength)
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    queue = await db.Queues.AsNoTracking()
                        .Where(q => q.Slug == slug && !q.IsArchived)
                        .Select(q => new QueueTarget(q.Id, q.Slug, q.Name, q.CallbackEnabled))
                        .SingleOrDefaultAsync(ct);
                }
                if (queue is null) context.AddFailure("queue", "There is no such queue.");
                else context.RootContextData[QueueKey] = queue;
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
            if (allowLineBreaks && ch is '\n' or '\r' or '\t') continue;
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

    public static bool IsIanaTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var tz) && tz.HasIanaId;

    public static bool IsEmail(string? email)
    {
        if (email is null || email.Length > CallbackSubmissionValidator.MaxEmailLength) return false;
        var trimmed = email.Trim();
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && parsed.Host.Contains('.')
               && !HasForbiddenCharacters(trimmed, allowLineBreaks: false);
    }

    public static bool IsWebPageUrl(string? url) =>
        url is not null && url.Length <= CallbackSubmissionValidator.MaxPageUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
