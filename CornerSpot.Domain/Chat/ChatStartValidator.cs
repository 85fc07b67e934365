using CornerSpot.Domain.Addresses;
using CornerSpot.Domain.Callbacks;
using FluentValidation;
using static CornerSpot.Domain.Callbacks.CallbackLimits;

namespace CornerSpot.Domain.Chat;

/// <summary>Checks a chat's first message and the visitor's optional name and email. The queue is checked by
/// <see cref="ChatConversations"/>, which needs its row anyway.</summary>
public sealed class ChatStartValidator : AbstractValidator<ChatStart>
{
    public ChatStartValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(s => s.Name)
            .Must(n => n!.Trim().Length <= MaxNameLength).WithMessage(CallbackMessages.NameTooLong)
            .Must(n => !TextRules.HasForbiddenCharacters(n!, allowLineBreaks: false)).WithMessage(CallbackMessages.NameCharacters)
            .Must(n => !TextRules.HasInvisibleCharacters(n!)).WithMessage(CallbackMessages.NameInvisible)
            .Must(n => !TextRules.HasStackedMarks(n!)).WithMessage(CallbackMessages.NameStackedMarks)
            .When(s => !string.IsNullOrWhiteSpace(s.Name))
            .OverridePropertyName("name");

        RuleFor(s => s.Message).Custom((text, context) =>
        {
            if (TextProblem(text) is { } problem) context.AddFailure("text", problem);
        });

        RuleFor(s => s.Email)
            .Must(TextRules.IsEmail).When(s => !string.IsNullOrWhiteSpace(s.Email))
            .WithMessage(CallbackMessages.EmailInvalid)
            .OverridePropertyName("email");

        RuleFor(s => s.PageUrl)
            .Must(u => u!.Length <= MaxPageUrlLength && HttpUrl.IsValid(u)).When(s => !string.IsNullOrEmpty(s.PageUrl))
            .WithMessage(CallbackMessages.PageUrlInvalid)
            .OverridePropertyName("pageUrl");
    }

    /// <summary>What is wrong with a message's text (NFC already), or null. One rule for visitors and agents.</summary>
    public static string? TextProblem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ChatMessages.TextRequired;
        if (text.Trim().Length > ChatOptions.MaxMessageLength) return ChatMessages.TextTooLong;
        if (TextRules.HasForbiddenCharacters(text, allowLineBreaks: true) || TextRules.HasStackedMarks(text)) return ChatMessages.TextCharacters;
        return null;
    }
}
