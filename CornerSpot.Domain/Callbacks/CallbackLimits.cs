using CornerSpot.Domain.Queues;
using CornerSpot.Domain.Phones;


namespace CornerSpot.Domain.Callbacks;

/// <summary>
/// The size of every field a visitor sends. The validator, the database columns and the widget (which receives them in
/// the availability answer) all read them here, so they cannot drift apart.
/// </summary>
public static class CallbackLimits
{
    public const int MaxNameLength = 100;
    public const int MaxNoteLength = 1000;
    public const int MaxEmailLength = 254;
    public const int MaxPageUrlLength = 2048;
    public const int MaxTimeZoneLength = 64;
    public const int MaxQueueSlugLength = Queue.MaxSlugLength;
    public const int MaxPhoneLength = PhoneNumberParser.MaxTypedLength;
    public const int MaxWindowDaysAhead = 30;
    /// <summary>More accents than this stacked on one letter is "Zalgo" text, not a name.</summary>
    public const int MaxCombiningMarksInARow = 3;
    /// <summary>Region codes a queue may list, "GB,IE,…": every region libphonenumber knows fits.</summary>
    public const int MaxAllowedCountriesLength = 1000;
}
