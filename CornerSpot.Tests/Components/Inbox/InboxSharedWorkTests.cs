using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Inbox;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>Open consoles share their work: an arrival costs the database one read per view, not one per console.</summary>
public sealed class InboxSharedWorkTests : InboxTestContext
{
    private readonly ListQueryCounter _listQueries = new();
    private readonly PendingCountQueries _countQueries = new();

    protected override IEnumerable<IInterceptor> Interceptors => [_listQueries, _countQueries];

    private static string[] Names(IRenderedComponent<InboxPage> cut) =>
        [.. cut.FindAll("[data-testid=conversation-row] .cs-row__name").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task Twenty_open_inboxes_show_an_arrival_with_one_list_query_and_one_count_query()
    {
        UseLiveSettings(coalesceMilliseconds: 150, reconcileSeconds: 3600);
        await Harness.CallbackAsync(new CallbackSubmission { Name = "Ada Lovelace", Phone = "+442079460958" });
        Services.GetRequiredService<NavigationManager>().NavigateTo("/dashboard/chat/inbox");
        var consoles = Enumerable.Range(0, 20).Select(_ => Render<InboxPage>()).ToList();
        foreach (var cut in consoles) cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace"], Names(cut)));
        var (lists, counts) = (_listQueries.Count, _countQueries.Count);

        await Harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });

        foreach (var cut in consoles) cut.WaitForAssertion(() => Assert.Equal(["Grace Hopper", "Ada Lovelace"], Names(cut)));
        Assert.Equal(1, _listQueries.Count - lists);
        Assert.Equal(1, _countQueries.Count - counts);
    }
}
