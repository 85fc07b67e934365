using CornerSpot.Domain.Callbacks;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CornerSpot.Web.Components.Inbox;

/// <summary>Working the open callback from its card and from the keyboard: each step is one call to
/// <see cref="CallbackWork"/>, a snackbar, and one coalesced re-read (shared with the event the step publishes).</summary>
public partial class InboxPage
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private bool _working;
    private string? _agentId;
    private DotNetObjectReference<InboxPage>? _keysRef;
    private IJSObjectReference? _keys;
    // Rendered as data-shortcuts: a browser test presses keys only once the module listens.
    private bool _shortcutsOn;

    private CallbackCardView? OpenCallback => _conversation?.Callback;

    private Task ClaimAsync() => StepAsync("claim", async (callback, agent, ct) =>
    {
        var result = await Work.ClaimAsync(callback.Id, agent, takeOver: false, ct);
        return (result, $"You're calling {callback.Name}");
    });

    private async Task TakeOverAsync()
    {
        if (OpenCallback is not { IsClaimed: true } callback || _working) return;
        var name = callback.ClaimedByName ?? "a teammate";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Take over", $"Take over from {name}?", yesText: "Take over", cancelText: "Cancel");
        if (confirmed != true) return;
        await StepAsync("take over", async (c, agent, ct) =>
            (await Work.ClaimAsync(c.Id, agent, takeOver: true, ct), $"You're calling {c.Name} (taken over from {name})"));
    }

    private Task ReleaseAsync() => StepAsync("release", async (callback, agent, ct) =>
        (await Work.ReleaseAsync(callback.Id, agent, ct), "Released: anyone on the team can call now"));

    private async Task LogCallAsync()
    {
        if (OpenCallback is not { Status: CallbackStatus.Pending } callback || _working) return;
        var dialog = await Dialogs.ShowAsync<LogCallDialog>("Log call",
            new DialogParameters<LogCallDialog> { { d => d.VisitorName, callback.Name } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: LoggedCall call }) return;
        await StepAsync("log the call", async (c, agent, ct) =>
        {
            var result = await Work.LogCallAsync(c.Id, agent, call.Outcome, call.Note, ct);
            return (result, call.Outcome.Ends()
                ? $"Call logged ({call.Outcome.Label()}): callback resolved"
                : $"Call logged ({call.Outcome.Label()}): attempt {c.AttemptCount + 1} of {c.MaxAttempts}");
        });
    }

    private Task CloseUnreachableAsync() => StepAsync("close the callback", async (callback, agent, ct) =>
        (await Work.CloseUnreachableAsync(callback.Id, agent, ct), "Closed as unreachable"));

    private Task ReopenAsync() => StepAsync("reopen the callback", async (callback, agent, ct) =>
        (await Work.ReopenAsync(callback.Id, agent, ct), "Callback reopened: it is Pending again"));

    /// <summary>The "Call" button outside the visitor's call hours: dial only after the agent says so.</summary>
    private async Task DialLateAsync()
    {
        if (OpenCallback is not { } callback) return;
        var zone = AgentClock.FindZone(callback.VisitorTimeZone);
        var now = zone is null ? "late" : (_clock with { Now = Clock.GetUtcNow() }).TimeIn(zone);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Call outside call hours",
            $"It's {now} for {callback.Name}. Call anyway?", yesText: "Call anyway", cancelText: "Not now");
        if (confirmed == true) Navigation.NavigateTo($"tel:{callback.PhoneE164}", forceLoad: true);
    }

    private async Task StepAsync(string what, Func<CallbackCardView, CallingAgent, CancellationToken, Task<(WorkResult Result, string Done)>> step)
    {
        if (OpenCallback is not { } callback || _working) return;
        _working = true;
        try
        {
            // Once clicked, finish even if the agent navigates away meanwhile.
            var (result, done) = await step(callback, await CurrentAgentAsync(), CancellationToken.None);
            ScheduleRefresh();
            switch (result.Status)
            {
                case WorkStatus.Done:
                    Snackbar.Add(done, Severity.Success);
                    break;
                case WorkStatus.ClaimedByOther:
                    // Two agents clicked at once: the loser learns who is calling, never an error.
                    Snackbar.Add($"{result.ClaimedByName ?? "A teammate"} is already calling", Severity.Info);
                    break;
                case WorkStatus.Stale:
                    Snackbar.Add("A teammate changed this callback meanwhile; the card shows it as it is now", Severity.Info);
                    break;
                case WorkStatus.NotFound:
                    Snackbar.Add("This callback no longer exists", Severity.Warning);
                    break;
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Could not {Step} for callback {CallbackId}", what, callback.Id);
            Snackbar.Add($"Could not {what}. Please try again.", Severity.Error);
        }
        finally
        {
            _working = false;
        }
    }

    private async Task ListenForShortcutsAsync(IJSObjectReference module)
    {
        _keysRef ??= DotNetObjectReference.Create(this);
        _keys = await module.InvokeAsync<IJSObjectReference>("listenForShortcuts", _keysRef);
        _shortcutsOn = true;
        StateHasChanged();
    }

    /// <summary>A shortcut typed outside any field (the module checks that): c, l, r and ?. j, k, Enter and /
    /// move the browser's focus and stay in the module.</summary>
    [JSInvokable]
    public async Task OnShortcutAsync(string key)
    {
        var callback = OpenCallback;
        switch (key)
        {
            case "?":
                await Dialogs.ShowAsync<ShortcutsDialog>("Keyboard shortcuts",
                    new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
                break;
            case "c" when callback is { Status: CallbackStatus.Pending }:
                if (callback.IsClaimed && !callback.IsClaimedBy(_agentId))
                    Snackbar.Add($"{callback.ClaimedByName} is calling", Severity.Info);
                else if (!callback.IsClaimed)
                    await ClaimAsync();
                break;
            case "l" when callback is { Status: CallbackStatus.Pending }:
                await LogCallAsync();
                break;
            case "r" when callback is { Status: CallbackStatus.Pending }:
                await ResolveAsync();
                break;
        }
        StateHasChanged();
    }

    private async ValueTask StopListeningAsync()
    {
        try
        {
            if (_keys is not null)
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
        _keysRef?.Dispose();
    }
}
