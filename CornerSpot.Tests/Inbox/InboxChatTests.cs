using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Inbox;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Inbox;

/// <summary>Chats in the inbox list: whose they are, what is unread, what the tab title counts.</summary>
public sealed class InboxChatTests : IAsyncLifetime
{
    private static readonly CallingAgent Ada = new("agent-ada", "Ada Agent");
    private static readonly CallingAgent Bob = new("agent-bob", "Bob Agent");

    private DomainHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _h = await DomainHarness.CreateAsync();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private ChatConversations Chats => _h.Get<ChatConversations>();

    private async Task<ChatResult.Started> StartAsync(string name, string message = "Hello?") =>
        Assert.IsType<ChatResult.Started>(await Chats.StartAsync(new ChatStart { Name = name, Message = message }, Ct));

    private Task<InboxListing> List(InboxFilter filter, CallingAgent? agent = null) =>
        _h.Get<InboxQuery>().ListAsync(filter, agent?.Id, Ct);

    [Fact]
    public async Task Mine_lists_the_chats_the_agent_answered_first_and_the_callbacks_they_are_calling()
    {
        var answeredByAda = await StartAsync("Answered by Ada");
        var answeredByBob = await StartAsync("Answered by Bob");
        await StartAsync("Unanswered");
        var calledByAda = await _h.CallbackAsync(new CallbackSubmission { Name = "Called by Ada", Phone = "+44 20 7946 0001" });
        await Chats.ReplyAsync(answeredByAda.ConversationId, Ada, "Hi, Ada here", isInternal: false, Ct);
        // Bob answered his chat first; Ada writing in it afterwards does not make it hers.
        await Chats.ReplyAsync(answeredByBob.ConversationId, Bob, "Hi, Bob here", isInternal: false, Ct);
        await Chats.ReplyAsync(answeredByBob.ConversationId, Ada, "Bob has this one", isInternal: false, Ct);
        await _h.Get<CallbackWork>().ClaimAsync(calledByAda.Id, Ada, takeOver: false, Ct);

        var mine = await List(new InboxFilter(Assignee: InboxAssignee.Me), Ada);

        Assert.Equal(["Answered by Ada", "Called by Ada"], mine.Rows.Select(r => r.CustomerName).Order());
    }

    [Fact]
    public async Task An_internal_note_does_not_assign_the_chat()
    {
        var chat = await StartAsync("Noted");

        await Chats.ReplyAsync(chat.ConversationId, Ada, "Looks like a refund case", isInternal: true, Ct);

        Assert.Empty((await List(new InboxFilter(Assignee: InboxAssignee.Me), Ada)).Rows);
    }

    [Fact]
    public async Task A_row_counts_the_visitor_messages_nobody_has_read()
    {
        var chat = await StartAsync("Ada Visitor", "First");
        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "Second", null, Ct);

        var row = Assert.Single((await List(new InboxFilter())).Rows);

        Assert.Equal(2, row.UnreadCount);
    }

    [Fact]
    public async Task A_read_chat_has_no_unread_messages()
    {
        var chat = await StartAsync("Ada Visitor", "First");

        await Chats.MarkReadAsync(chat.ConversationId, Ada, Ct);

        Assert.Equal(0, Assert.Single((await List(new InboxFilter())).Rows).UnreadCount);
    }

    [Fact]
    public async Task The_waiting_count_adds_unread_chats_to_pending_callbacks()
    {
        await StartAsync("Unread one");
        var read = await StartAsync("Read one");
        await Chats.MarkReadAsync(read.ConversationId, Ada, Ct);
        await _h.CallbackAsync(new CallbackSubmission { Name = "Caller", Phone = "+44 20 7946 0001" });

        var count = _h.Get<PendingCallbackCount>();

        Assert.Equal(2, await count.GetWaitingAsync(Ct));
        Assert.Equal(1, await count.GetAsync(Ct));
    }
}
