using static CornerSpot.Domain.Callbacks.CallbackLimits;

namespace CornerSpot.Domain.Callbacks;

/// <summary>What a visitor is told about a field. The widget shows the same words (it receives them from the server).</summary>
public static class CallbackMessages
{
    public const string NameRequired = "Enter your name.";
    public static readonly string NameTooLong = $"Name must be {MaxNameLength} characters or fewer.";
    public const string NameCharacters = "Name contains characters that are not allowed.";
    public const string NameInvisible = "Name contains invisible or filler characters. Type your name with letters.";
    public const string NameStackedMarks = "Name has too many accents on one letter.";
    public const string NameNoLetter = "Name must contain at least one letter or digit.";
    public const string PhoneRequired = "Enter a phone number.";
    public const string PhoneInvalid = "Enter a valid phone number, with the country code (for example +44 20 7946 0958).";
    public const string PhoneNotCallable =
        "Premium-rate, shared-cost and similar numbers can't be called back. Enter a landline or mobile number.";
    public const string CountryInvalid = "Country must be a two-letter region code such as GB or US.";
    public static readonly string NoteTooLong = $"Note must be {MaxNoteLength} characters or fewer.";
    public const string NoteCharacters = "Note contains characters that are not allowed.";
    public const string WindowBoth = "Give both the start and the end of the preferred time window, or neither.";
    public const string WindowOrder = "The preferred time window must end after it starts.";
    public const string WindowPast = "The preferred time window has already ended.";
    public static readonly string WindowTooFar = $"The preferred time window must start within the next {MaxWindowDaysAhead} days.";
    public const string WindowIncomplete = "Choose a day, a start time and an end time.";
    public const string WindowTimeSkipped = "That time does not exist on that day (the clocks change). Choose another time.";
    public const string TimeZoneInvalid = "Time zone must be an IANA time zone such as Europe/London.";
    public const string EmailInvalid = "Enter a valid email address, or leave it empty.";
    public static readonly string PageUrlInvalid = $"Page URL must be an absolute http(s) address of at most {MaxPageUrlLength} characters.";
    public const string QueueUnknown = "There is no such queue.";

    /// <summary>A queue that calls back only some countries says which.</summary>
    public static string PhoneCountryNotAllowed(IEnumerable<string> regions) =>
        $"We can only call back numbers in {string.Join(", ", regions)}. Enter a number from one of those countries.";
}
