using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CornerSpot.Tests.Components.Inbox;

public sealed class LogCallDialogTests : MudTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<LogCallDialog>("Log call",
            new DialogParameters<LogCallDialog> { { d => d.VisitorName, "Ada Lovelace" } }));
        return (provider, dialog);
    }

    [Fact]
    public async Task Offers_the_five_outcomes_and_Save_waits_for_a_choice()
    {
        var (provider, _) = await ShowAsync();

        var labels = provider.FindAll(".mud-radio").Select(r => r.TextContent.Trim()).ToArray();
        Assert.Equal(["Reached", "No answer", "Left voicemail", "Busy", "Wrong number"], labels);
        Assert.True(provider.Find("[data-testid=log-call-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Save_returns_the_chosen_outcome_and_the_note()
    {
        var (provider, dialog) = await ShowAsync();

        provider.FindAll(".mud-radio").Single(r => r.TextContent.Trim() == "No answer").QuerySelector("input")!.Click();
        provider.Find("#log-call-note").Input("  Rang 8 times  ");
        provider.Find("[data-testid=log-call-save]").Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        Assert.Equal(new LoggedCall(CallOutcome.NoAnswer, "Rang 8 times"), result.Data);
    }

    [Fact]
    public async Task Cancel_returns_nothing()
    {
        var (provider, dialog) = await ShowAsync();

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.True((await dialog.Result)!.Canceled);
    }
}
