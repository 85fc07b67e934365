using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace CornerSpot.Web.Components.Inbox;

/// <summary>The agent's side of a chat: reply or note from the composer, typing both ways, resolve and reopen, read on
/// open. Each write is one call to <see cref="ChatConversations"/>; what it changed comes back by event and re-read.</summary>
public partial class InboxPage
{
    /// <summary>How long "… is typing…" stays without a new typing event (they come at most every 2 s while typing).</summary>
    private static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(5);

    [Inject] private ChatConversations Chats { get; set; } = default!;

    private ChatState? _chat;
    private string? _visitorTyping;
    private ITimer? _typingTimer;
    private long? _lastTypingSent;

    /// <summary>The chat state beside the conversation; an open conversation with unread visitor messages is read now.</summary>
    private async Task LoadChatAsync(Guid id)
    {
        var state = await Chats.GetStateAsync(id, _cts.Token);
        if (ConversationId != id) return;
        _chat = state;
        if (state is { IsChat: true, UnreadCount: > 0 })
        {
            await Chats.MarkReadAsync(id, await CurrentAgentAsync(), _cts.Token);
            _chat = state with { UnreadCount = 0 };
        }
    }

    private void ForgetChat()
    {
        _chat = null;
        _visitorTyping = null;
        _lastTypingSent = null;
    }

    private async Task<bool> SendReplyAsync(ChatReply reply)
    {
        if (ConversationId is not { } id) return false;
        try
        {
            // Once sent, store it even if the agent navigates away meanwhile.
            var result = await Chats.ReplyAsync(id, await CurrentAgentAsync(), reply.Text, reply.IsInternal, CancellationToken.None);
            switch (result)
            {
                case ChatResult.Posted posted:
                    Show(id, posted.Message);
                    ScheduleRefresh();
                    return true;
                case ChatResult.Invalid invalid:
                    Snackbar.Add(invalid.Errors.Values.SelectMany(e => e).FirstOrDefault() ?? ChatMessages.TextRequired, Severity.Warning);
                    return false;
                default:
                    Snackbar.Add("This conversation no longer exists", Severity.Warning);
                    return false;
            }
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Could not send a message in conversation {ConversationId}", id);
            Snackbar.Add("Could not send the message. Please try again.", Severity.Error);
            return false;
        }
    }

    /// <summary>The agent's own message shows at once; the re-read its event causes confirms it.</summary>
    private void Show(Guid conversationId, ChatMessageView m)
    {
        if (_conversation is not { } c || c.Id != conversationId || c.Messages.Any(x => x.Id == m.Id)) return;
        _conversation = c with { Messages = [.. c.Messages, new MessageView(m.Id, m.Author, m.AuthorName, m.Body, m.SentAt, m.IsInternal)] };
    }

    /// <summary>At most one typing event per <see cref="ChatOptions.TypingInterval"/> leaves this console.</summary>
    private async Task AgentTypingAsync()
    {
        if (ConversationId is not { } id) return;
        if (_lastTypingSent is { } last && Clock.GetElapsedTime(last) < ChatOptions.TypingInterval) return;
        _lastTypingSent = Clock.GetTimestamp();
        try
        {
            await Chats.AgentTypingAsync(id, await CurrentAgentAsync(), _cts.Token);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
    }

    private Task ResolveConversationAsync() => ChangeChatStatusAsync("resolve the conversation",
        (id, ct) => Chats.ResolveAsync(id, ct), "Conversation resolved");

    private Task ReopenConversationAsync() => ChangeChatStatusAsync("reopen the conversation",
        (id, ct) => Chats.ReopenAsync(id, ct), "Conversation reopened");

    private async Task ChangeChatStatusAsync(string what, Func<Guid, CancellationToken, Task<ChatResult>> change, string done)
    {
        if (ConversationId is not { } id || _working) return;
        _working = true;
        try
        {
            var result = await change(id, CancellationToken.None);
            ScheduleRefresh();
            if (result is ChatResult.Done) Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Could not {Step} {ConversationId}", what, id);
            Snackbar.Add($"Could not {what}. Please try again.", Severity.Error);
        }
        finally
        {
            _working = false;
        }
    }

    /// <summary>Chat events that show before (or instead of) the re-read: a new chat's alert, the typing indicator.</summary>
    private async Task OnChatEventAsync(InboxEvent e)
    {
        switch (e)
        {
            case ChatStarted started:
                var text = $"New chat from {started.Name}";
                Snackbar.Add(text, Severity.Info, options =>
                {
                    options.Action = "Open";
                    options.ActionColor = Color.Primary;
                    options.OnClick = _ =>
                    {
                        Navigation.NavigateTo(_filter.ToUri(started.ConversationId));
                        return Task.CompletedTask;
                    };
                }, key: $"chat-{started.ConversationId}");
                if (_alerts is not null)
                    await _alerts.AlertAsync(text, Navigation.ToAbsoluteUri(InboxFilter.ConversationPath(started.ConversationId)).ToString());
                break;
            case ChatTyping { Side: ChatSide.Visitor } typing when typing.ConversationId == ConversationId && _conversation is { } c:
                _visitorTyping = c.Customer.Name;
                _typingTimer ??= Clock.CreateTimer(_ => _ = InvokeAsync(StopTyping), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _typingTimer.Change(TypingShownFor, Timeout.InfiniteTimeSpan);
                break;
            case ChatMessagePosted { Author: MessageAuthor.Visitor } posted when posted.ConversationId == ConversationId:
                _visitorTyping = null;
                break;
        }
    }

    private void StopTyping()
    {
        _visitorTyping = null;
        StateHasChanged();
    }
}
