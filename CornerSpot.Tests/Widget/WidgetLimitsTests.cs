using CornerSpot.Web.Widget;
using System.Text.Json;
using System.Text.RegularExpressions;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Widget;

/// <summary>The widget checks a form with the server's own limits and words, so it never passes what the server refuses
/// (or refuses what it would take).</summary>
public sealed partial class WidgetLimitsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_served_widget_script_carries_the_servers_field_limits_and_messages()
    {
        var script = await _app.CreateClient().GetStringAsync("/widget/cornerspot.js", Ct);

        var served = JsonDocument.Parse(ServedLimits().Match(script).Groups[1].Value).RootElement;
        Assert.Equal(CallbackLimits.MaxNameLength, served.GetProperty("name").GetInt32());
        Assert.Equal(CallbackLimits.MaxNoteLength, served.GetProperty("note").GetInt32());
        Assert.Equal(CallbackLimits.MaxPhoneLength, served.GetProperty("phone").GetInt32());
        Assert.Equal(CallbackLimits.MaxEmailLength, served.GetProperty("email").GetInt32());
        Assert.Equal(CallbackLimits.MaxPageUrlLength, served.GetProperty("pageUrl").GetInt32());
        Assert.Equal(CallbackLimits.MaxTimeZoneLength, served.GetProperty("timeZone").GetInt32());
        Assert.Equal(CallbackLimits.MaxWindowDaysAhead, served.GetProperty("windowDaysAhead").GetInt32());
        Assert.Equal(Domain.Phones.PhoneNumberParser.Separators, served.GetProperty("phoneSeparators").GetString());
        var messages = served.GetProperty("messages");
        Assert.Equal(CallbackMessages.NameTooLong, messages.GetProperty("nameTooLong").GetString());
        Assert.Equal(CallbackMessages.NoteTooLong, messages.GetProperty("noteTooLong").GetString());
        Assert.Equal(CallbackMessages.PhoneInvalid, messages.GetProperty("phoneInvalid").GetString());
        Assert.Equal(CallbackMessages.WindowTooFar, messages.GetProperty("windowTooFar").GetString());
        Assert.Equal(WidgetLimits.Current.Messages.Count, messages.EnumerateObject().Count());
    }

    [Fact]
    public void The_widget_script_source_has_no_limit_or_message_of_its_own()
    {
        var source = File.ReadAllText(Path.Combine(Solution.Root, "CornerSpot.Web", "wwwroot", "widget", "cornerspot.js"));

        Assert.Contains(Web.Widget.WidgetHosting.LimitsPlaceholder, source);
        Assert.DoesNotMatch(@"maxlength=""?\d", source);
        Assert.DoesNotMatch(@"MAX_(NAME|NOTE|DAYS|PHONE|EMAIL)", source);
        Assert.DoesNotMatch(@"length\s*[<>]=?\s*\d", source);
        foreach (var message in WidgetLimits.Current.Messages.Values)
            Assert.DoesNotContain(message, source);
    }

    [GeneratedRegex(@"var LIMITS = (\{.*?\});")]
    private static partial Regex ServedLimits();
}
