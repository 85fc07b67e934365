using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Phones;

namespace CornerSpot.Web.Widget;

/// <summary>
/// What the widget checks a form against before sending, written into the script as it is served so the script holds
/// no limit or message of its own (and has them even offline). The server checks again; these spare a round trip.
/// </summary>
public sealed record WidgetLimits(
    int Name, int Note, int Phone, string PhoneSeparators, int Email, int PageUrl, int TimeZone, int WindowDaysAhead,
    IReadOnlyDictionary<string, string> Messages,
    WidgetChatLimits Chat)
{
    /// <summary>The limits with the chat's as configured (<c>Chat:*</c>).</summary>
    public static WidgetLimits For(ChatOptions chat) => Current with { Chat = WidgetChatLimits.From(chat) };

    public static readonly WidgetLimits Current = new(
        CallbackLimits.MaxNameLength, CallbackLimits.MaxNoteLength, CallbackLimits.MaxPhoneLength, PhoneNumberParser.Separators,
        CallbackLimits.MaxEmailLength, CallbackLimits.MaxPageUrlLength, CallbackLimits.MaxTimeZoneLength, CallbackLimits.MaxWindowDaysAhead,
        new Dictionary<string, string>
        {
            ["nameRequired"] = CallbackMessages.NameRequired,
            ["nameTooLong"] = CallbackMessages.NameTooLong,
            ["nameCharacters"] = CallbackMessages.NameCharacters,
            ["phoneRequired"] = CallbackMessages.PhoneRequired,
            ["phoneInvalid"] = CallbackMessages.PhoneInvalid,
            ["windowBoth"] = CallbackMessages.WindowBoth,
            ["windowOrder"] = CallbackMessages.WindowOrder,
            ["windowPast"] = CallbackMessages.WindowPast,
            ["windowTooFar"] = CallbackMessages.WindowTooFar,
            ["noteTooLong"] = CallbackMessages.NoteTooLong,
            ["noteCharacters"] = CallbackMessages.NoteCharacters,
        },
        WidgetChatLimits.From(ChatOptions.Default));
}
