using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using FluentValidation;

namespace CornerSpot.Tests.Callbacks;

/// <summary>One harness for the whole table: the validator only reads the clock and the queue list.</summary>
public sealed class ValidatorHarness : IAsyncLifetime
{
    public DomainHarness Domain { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Domain = await DomainHarness.CreateAsync();
        await using var db = Domain.Db();
        db.Queues.AddRange(
            new Queue { Id = Guid.CreateVersion7(), Name = "Support", Slug = "support", CreatedAt = DomainHarness.Start.UtcDateTime },
            new Queue { Id = Guid.CreateVersion7(), Name = "Old", Slug = "old", IsArchived = true, CreatedAt = DomainHarness.Start.UtcDateTime },
            new Queue
            {
                Id = Guid.CreateVersion7(), Name = "Islands", Slug = "islands", AllowedCountries = "GB,IE", CreatedAt = DomainHarness.Start.UtcDateTime,
            });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Domain.DisposeAsync();
}

public sealed class CallbackSubmissionValidatorTests(ValidatorHarness harness) : IClassFixture<ValidatorHarness>
{
    private static readonly CallbackSubmission Minimal = Submissions.Minimal;
    private static readonly CallbackSubmission Complete = Submissions.Complete;
    private static TimeWindow Window(TimeSpan? start, TimeSpan? end) => Submissions.Window(start, end);
    private static TimeSpan Hours(double h) => TimeSpan.FromHours(h);
    private static TimeSpan Days(double d) => TimeSpan.FromDays(d);

    public static TheoryData<string, CallbackSubmission> GoodSubmissions => new()
    {
        { "only name and phone", Minimal },
        { "every field filled in", Complete },
        { "name of exactly 100 characters once trimmed", Minimal with { Name = $"  {new string('a', 100)}  " } },
        { "name with accents and an emoji", Minimal with { Name = "Zoë Ørsted-Núñez 😀" } },
        { "international phone without a country", Minimal with { Phone = "+1 201 555 0123", Country = null } },
        { "lower-case country hint", Minimal with { Country = "gb" } },
        { "note of exactly 1,000 characters", Minimal with { Note = new string('n', 1000) } },
        { "note with line breaks and tabs", Minimal with { Note = "Line one\r\nLine two\n\tindented" } },
        { "no preferred window", Minimal with { PreferredWindow = null } },
        { "preferred window with neither end", Minimal with { PreferredWindow = Window(null, null) } },
        { "window that has started and ends in the future", Minimal with { PreferredWindow = Window(Hours(-1), Hours(1)) } },
        { "window starting exactly 30 days ahead", Minimal with { PreferredWindow = Window(Days(30), Days(30) + Hours(2)) } },
        { "window given with a non-UTC offset", Minimal with
            {
                PreferredWindow = new TimeWindow
                {
                    Start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(-5)),
                    End = new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.FromHours(-5)),
                },
            } },
        { "time zone America/Sao_Paulo", Minimal with { TimeZone = "America/Sao_Paulo" } },
        { "time zone Asia/Kolkata", Minimal with { TimeZone = "Asia/Kolkata" } },
        { "time zone UTC", Minimal with { TimeZone = "UTC" } },
        { "blank email counts as none", Minimal with { Email = "   " } },
        { "email with plus addressing", Minimal with { Email = "ada+callbacks@mail.example.co.uk" } },
        { "plain http page URL with port, query and fragment", Minimal with { PageUrl = "http://localhost:8080/shop?item=1#top" } },
        { "upper-case https page URL", Minimal with { PageUrl = "HTTPS://SHOP.EXAMPLE.COM/" } },
        { "page URL of exactly 2,048 characters", Minimal with { PageUrl = UrlOfLength(2048) } },
        { "the default queue named explicitly", Minimal with { Queue = Queue.DefaultSlug } },
        { "another existing queue", Minimal with { Queue = "support" } },
    };

    public static TheoryData<string, CallbackSubmission, string> BadSubmissions => new()
    {
        { "name missing", Minimal with { Name = null }, "name" },
        { "name empty", Minimal with { Name = "" }, "name" },
        { "name only spaces", Minimal with { Name = "   " }, "name" },
        { "name of 101 characters", Minimal with { Name = new string('a', 101) }, "name" },
        { "name with a NUL", Minimal with { Name = "Ada\0Lovelace" }, "name" },
        { "name with a line break", Minimal with { Name = "Ada\nLovelace" }, "name" },
        { "name with an escape character", Minimal with { Name = "Ada\u001b[31m" }, "name" },
        { "name with a right-to-left override", Minimal with { Name = "Ada \u202Eecalevol" }, "name" },
        { "name with a right-to-left isolate", Minimal with { Name = "Ada \u2067Lovelace" }, "name" },
        { "name with a right-to-left mark", Minimal with { Name = "Ada\u200F" }, "name" },
        { "name with a lone surrogate", Minimal with { Name = "Ada\uD800" }, "name" },
        { "phone missing", Minimal with { Phone = null }, "phone" },
        { "phone empty", Minimal with { Phone = "" }, "phone" },
        { "phone only spaces", Minimal with { Phone = "   " }, "phone" },
        { "phone too short", Minimal with { Phone = "020 79" }, "phone" },
        { "phone of letters", Minimal with { Phone = "call me maybe" }, "phone" },
        { "phone as a vanity word", Minimal with { Phone = "1-800-FLOWERS", Country = "US" }, "phone" },
        { "phone as a script", Minimal with { Phone = "javascript:alert(1)" }, "phone" },
        { "phone number not valid in the hinted country", Minimal with { Phone = "020 7946 0958", Country = "US" }, "phone" },
        { "country that does not exist", Minimal with { Phone = "+44 20 7946 0958", Country = "ZZ" }, "country" },
        { "country as a word", Minimal with { Phone = "+44 20 7946 0958", Country = "Britain" }, "country" },
        { "note of 1,001 characters", Minimal with { Note = new string('n', 1001) }, "note" },
        { "note with a bell character", Minimal with { Note = "Call me\a" }, "note" },
        { "note with a left-to-right embedding", Minimal with { Note = "Call \u202Ame" }, "note" },
        { "window with only a start", Minimal with { PreferredWindow = Window(Hours(1), null) }, "preferredWindow" },
        { "window with only an end", Minimal with { PreferredWindow = Window(null, Hours(2)) }, "preferredWindow" },
        { "window that ends when it starts", Minimal with { PreferredWindow = Window(Hours(2), Hours(2)) }, "preferredWindow" },
        { "window that ends before it starts", Minimal with { PreferredWindow = Window(Hours(3), Hours(2)) }, "preferredWindow" },
        { "window that has already ended", Minimal with { PreferredWindow = Window(Hours(-3), Hours(-1)) }, "preferredWindow" },
        { "window that ends right now", Minimal with { PreferredWindow = Window(Hours(-1), TimeSpan.Zero) }, "preferredWindow" },
        { "window starting 30 days and a minute ahead", Minimal with { PreferredWindow = Window(Days(30) + TimeSpan.FromMinutes(1), Days(31)) }, "preferredWindow" },
        { "window starting next year", Minimal with { PreferredWindow = Window(Days(365), Days(365) + Hours(1)) }, "preferredWindow" },
        { "time zone on Mars", Minimal with { TimeZone = "Mars/Olympus" }, "timeZone" },
        { "Windows time zone id", Minimal with { TimeZone = "Eastern Standard Time" }, "timeZone" },
        { "time zone empty", Minimal with { TimeZone = "" }, "timeZone" },
        { "time zone as a path", Minimal with { TimeZone = "../../../etc/passwd" }, "timeZone" },
        { "email without a domain", Minimal with { Email = "ada" }, "email" },
        { "email without a top-level domain", Minimal with { Email = "ada@example" }, "email" },
        { "email with two at signs", Minimal with { Email = "ada@@example.com" }, "email" },
        { "email with a display name", Minimal with { Email = "Ada <ada@example.com>" }, "email" },
        { "email with a space in the domain", Minimal with { Email = "ada@exa mple.com" }, "email" },
        { "email longer than 254 characters", Minimal with { Email = $"{new string('a', 64)}@{new string('b', 190)}.com" }, "email" },
        { "page URL with a javascript scheme", Minimal with { PageUrl = "javascript:alert(1)" }, "pageUrl" },
        { "page URL with an ftp scheme", Minimal with { PageUrl = "ftp://files.example.com/a.txt" }, "pageUrl" },
        { "page URL with a data scheme", Minimal with { PageUrl = "data:text/html,<script>alert(1)</script>" }, "pageUrl" },
        { "relative page URL", Minimal with { PageUrl = "/pricing" }, "pageUrl" },
        { "page URL without a scheme", Minimal with { PageUrl = "shop.example.com/pricing" }, "pageUrl" },
        { "page URL of 2,049 characters", Minimal with { PageUrl = UrlOfLength(2049) }, "pageUrl" },
        { "queue that does not exist", Minimal with { Queue = "sales" }, "queue" },
        { "queue that is archived", Minimal with { Queue = "old" }, "queue" },
        { "queue empty", Minimal with { Queue = "" }, "queue" },
        { "queue longer than any slug", Minimal with { Queue = new string('q', 41) }, "queue" },
    };

    [Theory]
    [MemberData(nameof(GoodSubmissions))]
    public async Task Accepts_a_good_submission(string because, CallbackSubmission submission)
    {
        var validator = harness.Domain.Get<IValidator<CallbackSubmission>>();

        var result = await validator.ValidateAsync(submission, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid, $"{because}: {result}");
    }

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task Rejects_a_bad_submission_naming_only_the_field_at_fault(string because, CallbackSubmission submission, string field)
    {
        var validator = harness.Domain.Get<IValidator<CallbackSubmission>>();

        var result = await validator.ValidateAsync(submission, TestContext.Current.CancellationToken);

        Assert.False(result.IsValid, because);
        Assert.Equal([field], result.Errors.Select(e => e.PropertyName).Distinct());
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(CallbackSubmission submission)
    {
        var result = await harness.Domain.Get<IValidator<CallbackSubmission>>().ValidateAsync(submission, TestContext.Current.CancellationToken);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
    }

    [Theory]
    [InlineData("\u200B")]            // zero-width space
    [InlineData("\u3164")]            // Hangul filler
    [InlineData("\u115F\u1160")]      // Hangul choseong and jungseong fillers
    [InlineData("\uFFA0\uFFA0")]      // halfwidth Hangul filler
    [InlineData("Ada\u200BLovelace")] // a hidden character inside a real name
    [InlineData("\u2060Ada")]         // word joiner
    [InlineData("Ada\u00AD")]         // soft hyphen
    [InlineData("\uFEFFAda")]         // byte order mark
    [InlineData("Ada\U000E0041")]     // tag character
    public async Task A_name_with_invisible_or_filler_characters_is_refused_with_a_clear_message(string name)
    {
        var errors = await ErrorsAsync(Minimal with { Name = name });

        Assert.Equal([CallbackMessages.NameInvisible], Assert.Single(errors, e => e.Key == "name").Value);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("🌷")]
    [InlineData("- . -")]
    [InlineData("\u0301\u0301")]
    public async Task A_name_without_a_letter_or_digit_is_refused(string name)
    {
        var errors = await ErrorsAsync(Minimal with { Name = name });

        Assert.Single(errors);
        Assert.Contains(errors["name"].Single(), new[] { CallbackMessages.NameNoLetter, CallbackMessages.NameStackedMarks });
    }

    [Fact]
    public async Task A_name_with_more_than_three_combining_marks_on_one_letter_is_refused()
    {
        var errors = await ErrorsAsync(Minimal with { Name = "Za\u0353\u0354\u0355\u0356lgo" });

        Assert.Equal([CallbackMessages.NameStackedMarks], errors["name"]);
        Assert.Empty(await ErrorsAsync(Minimal with { Name = "Nguy\u1EC5n Th\u1ECB Minh" }));   // Vietnamese, composed
        Assert.Empty(await ErrorsAsync(Minimal with { Name = "Nguye\u0302\u0303n" }));          // two marks in a row, decomposed
        Assert.Empty(await ErrorsAsync(Minimal with { Name = "\u0938\u0941\u0902\u0926\u0930" })); // Devanagari with vowel signs
    }

    [Fact]
    public async Task A_name_at_the_limit_once_composed_is_accepted()
    {
        // 100 letters typed as letter + combining accent: 200 UTF-16 units, 100 characters once composed.
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 100));

        Assert.Empty(await ErrorsAsync(Minimal with { Name = decomposed }));
    }

    public static TheoryData<string, PhoneNumbers.PhoneNumberType> NotCallableNumbers()
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var data = new TheoryData<string, PhoneNumbers.PhoneNumberType>();
        string[] regions = ["GB", "US", "FR", "DE", "IE", "ES", "IT", "AU", "NL", "BE", "CH", "AT", "SE", "JP"];
        foreach (var type in new[]
                 {
                     PhoneNumbers.PhoneNumberType.PREMIUM_RATE, PhoneNumbers.PhoneNumberType.SHARED_COST,
                     PhoneNumbers.PhoneNumberType.UAN, PhoneNumbers.PhoneNumberType.VOICEMAIL,
                 })
        {
            // Two countries' own example numbers of each type (libphonenumber's metadata lists one per region and type).
            var examples = regions.Select(r => util.GetExampleNumberForType(r, type)).OfType<PhoneNumbers.PhoneNumber>().Take(2).ToList();
            Assert.NotEmpty(examples);
            foreach (var example in examples) data.Add(util.Format(example, PhoneNumbers.PhoneNumberFormat.E164), type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NotCallableNumbers))]
    public async Task Premium_rate_shared_cost_and_similar_numbers_cannot_be_called_back(string phone, PhoneNumbers.PhoneNumberType type)
    {
        var errors = await ErrorsAsync(Minimal with { Phone = phone, Country = null });

        Assert.True(errors.ContainsKey("phone"), $"{type} {phone} was accepted");
        Assert.Equal([CallbackMessages.PhoneNotCallable], errors["phone"]);
    }

    [Fact]
    public async Task A_queue_that_calls_back_only_some_countries_refuses_other_numbers_and_names_the_allowed_ones()
    {
        var errors = await ErrorsAsync(Minimal with { Queue = "islands", Phone = "+1 201 555 0123", Country = null });

        Assert.Equal(["We can only call back numbers in GB, IE. Enter a number from one of those countries."], errors["phone"]);
        Assert.Empty(await ErrorsAsync(Minimal with { Queue = "islands", Phone = "+353 1 234 5678", Country = null }));
        Assert.Empty(await ErrorsAsync(Minimal with { Queue = "islands" }));
        Assert.Empty(await ErrorsAsync(Minimal with { Phone = "+1 201 555 0123", Country = null })); // the default queue: any country
    }

    [Theory]
    [InlineData("ada?cc=m%40evil.example&x=@example.com")]
    [InlineData("ada?bcc=all@example.com")]
    [InlineData("ada&body=hi@example.com")]
    [InlineData("ada%0Abcc@example.com")]
    [InlineData("\"ada lovelace\"@example.com")]
    public async Task An_email_whose_address_part_could_add_recipients_to_a_mailto_link_is_refused(string email)
    {
        var errors = await ErrorsAsync(Minimal with { Email = email });

        Assert.Equal([CallbackMessages.EmailInvalid], errors["email"]);
    }

    private static string UrlOfLength(int length)
    {
        const string prefix = "https://shop.example.com/";
        return prefix + new string('p', length - prefix.Length);
    }
}
