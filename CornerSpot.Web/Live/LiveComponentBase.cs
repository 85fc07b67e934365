using CornerSpot.Domain.Live;
using Microsoft.AspNetCore.Components;

namespace CornerSpot.Web.Live;

/// <summary>
/// A view that shows database state and keeps it current: it subscribes to inbox events once interactive,
/// coalesces bursts into at most one re-query per <c>Live:CoalesceMilliseconds</c> (default 150), and reconciles
/// with the database on reconnect and every <c>Live:ReconcileSeconds</c> (default 30), so an event lost anywhere
/// is repaired.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private IDisposable? _reconnected;
    private ITimer? _reconcileTimer;
    private bool _scheduled;
    private long? _lastRefreshStarted;
    private bool _refreshing;
    private bool _dirty;
    private bool _disposed;
    private bool _askedWithoutEvent;

    [Inject] private IInboxEvents Events { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The shortest time between two re-queries (<c>Live:CoalesceMilliseconds</c>).</summary>
    private TimeSpan CoalesceWindow => TimeSpan.FromMilliseconds(Configuration.GetValue("Live:CoalesceMilliseconds", 150));

    /// <summary>Re-reads what the view shows. Runs on the renderer's sync context.</summary>
    protected abstract Task RefreshAsync();

    /// <summary>True while <see cref="RefreshAsync"/> runs for something other than an inbox event as well (this view's own
    /// step, a reconnect): a read shared per event may be older than that, so read afresh.</summary>
    protected bool RefreshingWithoutEvent { get; private set; }

    /// <summary>Whether an event can change what this view shows.</summary>
    protected virtual bool IsRelevant(InboxEvent e) => true;

    /// <summary>Called once per relevant event, before the coalesced refresh (for a snackbar, a sound).</summary>
    protected virtual Task OnEventAsync(InboxEvent e) => Task.CompletedTask;

    protected override void OnInitialized()
    {
        // Once per component: a subclass calling this again must not leave a second subscription behind.
        if (!RendererInfo.IsInteractive || _subscription is not null) return;
        _subscription = Events.Subscribe(async e =>
        {
            if (e is ReconcileRequested)
            {
                await InvokeAsync(ScheduleRefreshForEvent);
                return;
            }
            if (!IsRelevant(e)) return;
            // Off the publisher's thread first: an idle circuit would otherwise run the handler and render inline,
            // and the visitor's POST would wait for every open console to render before it got its 201.
            await Task.Yield();
            await InvokeAsync(() => HandleAsync(e));
        });
        _reconnected = Connection.OnReconnected(() => _ = InvokeAsync(ScheduleRefresh));
        var every = TimeSpan.FromSeconds(Configuration.GetValue("Live:ReconcileSeconds", 30.0));
        // Shared reads are at most a few seconds old even without an event, which is all the periodic reconcile asks.
        _reconcileTimer = Clock.CreateTimer(_ => _ = InvokeAsync(ScheduleRefreshForEvent), null, every, every);
    }

    private async Task HandleAsync(InboxEvent e)
    {
        try
        {
            await OnEventAsync(e);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        // Typing is shown, never stored: there is nothing to re-read, only the indicator to draw.
        if (e is ChatTyping) StateHasChanged();
        else ScheduleRefreshForEvent();
    }

    /// <summary>Asks for a re-query: at once after a quiet spell, so a lone arrival shows without delay; asks
    /// within a window of the last re-query (or during one) wait for the window's end and make one more.</summary>
    protected void ScheduleRefresh()
    {
        _askedWithoutEvent = true;
        ScheduleRefreshForEvent();
    }

    private void ScheduleRefreshForEvent()
    {
        if (_disposed) return;
        if (_refreshing)
        {
            _dirty = true;
            return;
        }
        if (_scheduled) return;
        _scheduled = true;
        var wait = _lastRefreshStarted is { } last ? CoalesceWindow - Clock.GetElapsedTime(last) : TimeSpan.Zero;
        _ = RunAfterAsync(wait);
    }

    private async Task RunAfterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero) await Task.Delay(wait, Clock);
        else await Task.Yield();
        await InvokeAsync(async () =>
        {
            _scheduled = false;
            if (_disposed) return;
            _refreshing = true;
            _lastRefreshStarted = Clock.GetTimestamp();
            RefreshingWithoutEvent = _askedWithoutEvent;
            _askedWithoutEvent = false;
            try
            {
                await RefreshAsync();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
            finally
            {
                _refreshing = false;
                RefreshingWithoutEvent = false;
            }
            if (_dirty)
            {
                _dirty = false;
                ScheduleRefreshForEvent();
            }
        });
    }

    public virtual void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _reconcileTimer?.Dispose();
        _reconnected?.Dispose();
        GC.SuppressFinalize(this);
    }
}
