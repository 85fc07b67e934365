using PhoneNumbers;

namespace CornerSpot.Domain.Phones;

/// <summary>Parses what a visitor typed into an E.164 number, using a region hint for national forms.</summary>
public sealed class PhoneNumberParser(string defaultRegion)
{
    public const int MaxTypedLength = 40;
    /// <summary>"+" and at most 15 digits (ITU-T E.164).</summary>
    public const int MaxE164Length = 16;
    /// <summary>Besides digits, what a typed number may contain.</summary>
    public const string Separators = "+ -()./";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion.ToUpperInvariant();

    /// <summary>Returns the E.164 form, or null when the text is not a valid phone number.</summary>
    public string? ToE164(string? typed, string? region = null) => Parse(typed, region)?.E164;

    /// <summary>The number with its country and whether it can be called back; null when it is not a valid phone number.</summary>
    public ParsedPhoneNumber? Parse(string? typed, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxTypedLength || !HasOnlyPhoneCharacters(typed))
            return null;
        try
        {
            var number = Util.Parse(typed, NormaliseRegion(region) ?? DefaultRegion);
            if (!Util.IsValidNumber(number)) return null;
            return new ParsedPhoneNumber(Util.Format(number, PhoneNumberFormat.E164), Util.GetRegionCodeForNumber(number),
                !NotCallable.Contains(Util.GetNumberType(number)));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    // The caller pays (premium rate, shared cost), the number rings no one (voicemail access), or it is a
    // company's universal access number: a callback to any of these costs the business or reaches nobody.
    private static readonly HashSet<PhoneNumberType> NotCallable =
        [PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL];

    /// <summary>Whether the region hint is one libphonenumber knows ("GB", "us").</summary>
    public static bool IsKnownRegion(string? region) =>
        NormaliseRegion(region) is { } r && Util.GetSupportedRegions().Contains(r);

    /// <summary>International format for people: "+44 20 7946 0958".</summary>
    public static string FormatForDisplay(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    // Letters are refused although libphonenumber would read "1-800-FLOWERS" as digits:
    // a visitor's callback number is never a vanity word, and letters are how junk and script payloads start.
    private static bool HasOnlyPhoneCharacters(string typed) =>
        typed.All(ch => char.IsAsciiDigit(ch) || Separators.Contains(ch));

    private static string? NormaliseRegion(string? region) =>
        string.IsNullOrWhiteSpace(region) ? null : region.Trim().ToUpperInvariant();
}
