using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>The page when there are more conversations than the inbox counts (<c>Inbox:CountLimit</c>, here 50).</summary>
public sealed class InboxPageCountLimitTests : InboxTestContext
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Inbox:CountLimit", "50")];

    private async Task SeedAsync(int callbacks)
    {
        var intake = Harness.Get<CallbackIntake>();
        for (var i = 0; i < callbacks; i++)
            await intake.SubmitAsync(new CallbackSubmission { Name = $"Visitor {i}", Phone = $"+44 20 7946 {i:0000}" }, null, Xunit.TestContext.Current.CancellationToken);
    }

    private IRenderedComponent<InboxPage> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<InboxPage>();
    }

    private static string Count(IRenderedComponent<InboxPage> cut) => cut.Find("[data-testid=inbox-count]").TextContent.Trim();

    private static string Pager(IRenderedComponent<InboxPage> cut) => cut.Find("nav.cs-pager span").TextContent.Trim();

    private static bool OlderIsALink(IRenderedComponent<InboxPage> cut) => cut.FindAll("nav.cs-pager a[aria-label=Older]").Count == 1;

    [Fact]
    public async Task Past_the_limit_the_count_says_at_least_and_the_next_page_is_there()
    {
        await SeedAsync(60);

        var cut = Open("/dashboard/chat/inbox");

        cut.WaitForAssertion(() => Assert.Equal("50+ conversations", Count(cut)));
        Assert.Equal("1–50 of 50+", Pager(cut));
        Assert.True(OlderIsALink(cut));
        Assert.Empty(cut.FindAll("[data-testid=inbox-more-matches]"));
    }

    [Fact]
    public async Task A_page_past_the_limit_is_counted_to_its_end()
    {
        await SeedAsync(60);

        var cut = Open("/dashboard/chat/inbox?page=2");

        cut.WaitForAssertion(() => Assert.Equal("60 conversations", Count(cut)));
        Assert.Equal("51–60 of 60", Pager(cut));
        Assert.False(OlderIsALink(cut));
        Assert.Equal(10, cut.FindAll("[data-testid=conversation-row]").Count);
    }

    [Fact]
    public async Task Up_to_the_limit_the_count_is_exact()
    {
        await SeedAsync(50);

        var cut = Open("/dashboard/chat/inbox");

        cut.WaitForAssertion(() => Assert.Equal("50 conversations", Count(cut)));
        Assert.Empty(cut.FindAll("nav.cs-pager"));
    }
}
