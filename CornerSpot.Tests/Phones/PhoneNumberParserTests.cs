using CornerSpot.Domain.Phones;

namespace CornerSpot.Tests.Phones;

public sealed class PhoneNumberParserTests
{
    // Default region as the app ships it (Phones:DefaultRegion = GB).
    private readonly PhoneNumberParser _phones = new("GB");

    // libphonenumber's own example numbers, typed the way people of each country write them.
    public static TheoryData<string, string?, string> NationalAndInternationalForms => new()
    {
        { "0121 234 5678", "GB", "+441212345678" },
        { "07400 123456", "GB", "+447400123456" },
        { "+44 121 234 5678", null, "+441212345678" },
        { "0044 7400 123456", "GB", "+447400123456" },
        { "(201) 555-0123", "US", "+12015550123" },
        { "201.555.0123", "US", "+12015550123" },
        { "+1 201-555-0123", null, "+12015550123" },
        { "030 123456", "DE", "+4930123456" },
        { "01512 3456789", "DE", "+4915123456789" },
        { "+49 30 123456", null, "+4930123456" },
        { "01 23 45 67 89", "FR", "+33123456789" },
        { "06 12 34 56 78", "FR", "+33612345678" },
        { "+33 1 23 45 67 89", null, "+33123456789" },
        { "074104 10123", "IN", "+917410410123" },
        { "081234 56789", "IN", "+918123456789" },
        { "+91 81234 56789", null, "+918123456789" },
        { "(11) 2345-6789", "BR", "+551123456789" },
        { "(11) 96123-4567", "BR", "+5511961234567" },
        { "+55 11 96123-4567", null, "+5511961234567" },
        { "03-1234-5678", "JP", "+81312345678" },
        { "090-1234-5678", "JP", "+819012345678" },
        { "+81 3-1234-5678", null, "+81312345678" },
        { "(02) 1234 5678", "AU", "+61212345678" },
        { "0412 345 678", "AU", "+61412345678" },
        { "+61 412 345 678", null, "+61412345678" },
        { "  0412 345 678  ", "au", "+61412345678" },
        { "+44 121 234 5678", "US", "+441212345678" },
        { "020 7946 0958", null, "+442079460958" },
    };

    public static TheoryData<string?, string?> NotPhoneNumbers => new()
    {
        { null, "GB" },
        { "", "GB" },
        { "   ", "GB" },
        { "junk", "GB" },
        { "!!!###", "GB" },
        { "1-800-FLOWERS", "US" },
        { "+1 800 FLOWERS", null },
        { "javascript:alert(1)", "GB" },
        { "<script>alert(1)</script>", "GB" },
        { "12", "GB" },
        { "020 79", "GB" },
        { "+44", null },
        { "+44 20 7946 09581234", null },
        { "0121 234 5678", "US" },
        { "0121 234 5678", "ZZ" },
        { "+999 1234 5678", null },
        { "0121 234 5678 ext 12", "GB" },
        { "+44 121 234 5678\n", "GB" },
        { "0121 234 5678" + new string(' ', 30), "GB" },
    };

    [Theory]
    [MemberData(nameof(NationalAndInternationalForms))]
    public void Maps_a_valid_number_to_exact_E164(string typed, string? country, string e164)
    {
        var result = _phones.ToE164(typed, country);

        Assert.Equal(e164, result);
    }

    [Theory]
    [MemberData(nameof(NotPhoneNumbers))]
    public void Rejects_text_that_is_not_a_valid_phone_number(string? typed, string? country)
    {
        var result = _phones.ToE164(typed, country);

        Assert.Null(result);
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("us")]
    [InlineData(" de ")]
    public void Knows_real_region_codes(string region) => Assert.True(PhoneNumberParser.IsKnownRegion(region));

    [Theory]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_unknown_region_codes(string? region) => Assert.False(PhoneNumberParser.IsKnownRegion(region));

    [Fact]
    public void Formats_E164_for_display_in_international_form()
    {
        var shown = PhoneNumberParser.FormatForDisplay("+442079460958");

        Assert.Equal("+44 20 7946 0958", shown);
    }
}
