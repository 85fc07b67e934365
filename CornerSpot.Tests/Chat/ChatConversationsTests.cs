using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Chat;

public sealed class ChatConversationsTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private readonly RecordingInboxEvents _events = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CallingAgent Grace = new("agent-grace", "Grace");
    private static readonly CallingAgent Alan = new("agent-alan", "Alan");

    public async ValueTask InitializeAsync() =>
        _h = await DomainHarness.CreateAsync(s => s.AddSingleton<IInboxEvents>(_events));

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private ChatConversations Chats => _h.Get<ChatConversations>();

    private async Task<ChatResult.Started> StartAsync(string message = "Hello, is anyone there?", string? name = "Ada") =>
        Assert.IsType<ChatResult.Started>(await Chats.StartAsync(new ChatStart { Name = name, Message = message }, Ct));

    private async Task<ChatMessageView> VisitorSaysAsync(ChatResult.Started chat, string text, string? key = null) =>
        Assert.IsType<ChatResult.Posted>(await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, text, key, Ct)).Message;

    [Fact]
    public async Task Starting_a_chat_opens_a_conversation_whose_token_is_stored_only_as_a_hash()
    {
        var chat = await StartAsync();

        await using var db = _h.Db();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(Ct);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Equal("Ada", conversation.Customer!.Name);
        Assert.Null(conversation.Customer.PhoneE164);
        Assert.Equal(VisitorToken.Hash(chat.VisitorToken), conversation.VisitorTokenHash);
        Assert.NotEqual(chat.VisitorToken, conversation.VisitorTokenHash);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Contains(_events.Published, e => e is ChatStarted { Name: "Ada" });
    }

    [Fact]
    public async Task Two_phoneless_chat_visitors_are_two_customers()
    {
        await StartAsync(name: null);
        await StartAsync(name: null);

        await using var db = _h.Db();
        Assert.Equal(2, await db.Customers.CountAsync(c => c.PhoneE164 == null, Ct));
    }

    [Fact]
    public async Task A_message_sent_again_with_the_same_key_is_stored_once()
    {
        var chat = await StartAsync();

        var first = await VisitorSaysAsync(chat, "My order is late", "key-1");
        var again = Assert.IsType<ChatResult.Posted>(await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "My order is late", "key-1", Ct));

        Assert.True(again.Replayed);
        Assert.Equal(first.Id, again.Message.Id);
        await using var db = _h.Db();
        Assert.Equal(2, await db.Messages.CountAsync(Ct));
    }

    [Fact]
    public async Task A_key_reused_for_another_text_is_refused()
    {
        var chat = await StartAsync();
        await VisitorSaysAsync(chat, "My order is late", "key-1");

        var result = await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "Something else", "key-1", Ct);

        Assert.IsType<ChatResult.KeyReused>(result);
    }

    [Fact]
    public async Task Another_conversations_token_opens_nothing()
    {
        var mine = await StartAsync();
        var theirs = await StartAsync();

        var result = await Chats.PostVisitorMessageAsync(theirs.ConversationId, mine.VisitorToken, "Hi", null, Ct);

        Assert.IsType<ChatResult.NotFound>(result);
        Assert.False(await Chats.VerifyVisitorAsync(theirs.ConversationId, mine.VisitorToken, Ct));
        Assert.True(await Chats.VerifyVisitorAsync(theirs.ConversationId, theirs.VisitorToken, Ct));
    }

    [Fact]
    public async Task Of_two_agents_replying_first_at_once_exactly_one_is_assigned()
    {
        var chat = await StartAsync();

        await Task.WhenAll(
            Chats.ReplyAsync(chat.ConversationId, Grace, "Hi, Grace here", false, Ct),
            Chats.ReplyAsync(chat.ConversationId, Alan, "Hi, Alan here", false, Ct));

        var state = await Chats.GetStateAsync(chat.ConversationId, Ct);
        Assert.Contains(state!.AssignedAgentName, new[] { "Grace", "Alan" });
        var assigned = Assert.Single(_events.Published.OfType<ConversationAssigned>());
        Assert.Equal(state.AssignedAgentId, assigned.AgentId);
    }

    [Fact]
    public async Task An_internal_note_assigns_no_one_and_is_left_out_for_the_visitor()
    {
        var chat = await StartAsync();

        await Chats.ReplyAsync(chat.ConversationId, Grace, "VIP customer, be nice", isInternal: true, Ct);

        var forVisitor = await Chats.ListMessagesAsync(chat.ConversationId, null, forVisitor: true, Ct);
        var forAgents = await Chats.ListMessagesAsync(chat.ConversationId, null, forVisitor: false, Ct);
        Assert.DoesNotContain(forVisitor!, m => m.Body.Contains("VIP"));
        Assert.Contains(forAgents!, m => m.IsInternal && m.Body == "VIP customer, be nice");
        Assert.Null((await Chats.GetStateAsync(chat.ConversationId, Ct))!.AssignedAgentId);
        Assert.Contains(_events.Published, e => e is ChatMessagePosted { IsInternal: true });
    }

    [Fact]
    public async Task A_visitor_message_reopens_a_resolved_conversation()
    {
        var chat = await StartAsync();
        Assert.IsType<ChatResult.Done>(await Chats.ResolveAsync(chat.ConversationId, Ct));

        await VisitorSaysAsync(chat, "One more thing");

        Assert.Equal(ConversationStatus.Open, (await Chats.GetStateAsync(chat.ConversationId, Ct))!.Status);
        Assert.Contains(_events.Published, e => e is ConversationStatusChanged { Status: ConversationStatus.Open });
    }

    [Fact]
    public async Task Resolving_twice_changes_the_status_once()
    {
        var chat = await StartAsync();

        await Chats.ResolveAsync(chat.ConversationId, Ct);
        var again = await Chats.ResolveAsync(chat.ConversationId, Ct);

        Assert.IsType<ChatResult.Unchanged>(again);
        Assert.Single(_events.Published.OfType<ConversationStatusChanged>());
    }

    [Fact]
    public async Task Visitor_messages_count_as_unread_until_an_agent_reads_them()
    {
        var chat = await StartAsync();
        await VisitorSaysAsync(chat, "Second");
        Assert.Equal(2, (await Chats.GetStateAsync(chat.ConversationId, Ct))!.UnreadCount);

        await Chats.MarkReadAsync(chat.ConversationId, Grace, Ct);

        Assert.Equal(0, (await Chats.GetStateAsync(chat.ConversationId, Ct))!.UnreadCount);
        Assert.Contains(_events.Published, e => e is ChatRead);
    }

    [Fact]
    public async Task An_agent_reply_clears_the_unread_count()
    {
        var chat = await StartAsync();

        await Chats.ReplyAsync(chat.ConversationId, Grace, "Hello!", false, Ct);

        Assert.Equal(0, (await Chats.GetStateAsync(chat.ConversationId, Ct))!.UnreadCount);
    }

    [Fact]
    public async Task Typing_is_published_at_most_once_per_two_seconds_per_side()
    {
        var chat = await StartAsync();

        await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);
        await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);
        await Chats.AgentTypingAsync(chat.ConversationId, Grace, Ct);
        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);

        var typing = _events.Published.OfType<ChatTyping>().ToList();
        Assert.Equal(2, typing.Count(t => t.Side == ChatSide.Visitor));
        Assert.Equal("Grace", Assert.Single(typing, t => t.Side == ChatSide.Agent).AgentName);
    }

    [Fact]
    public async Task Catch_up_after_a_message_returns_the_later_ones_in_order_even_when_the_clock_stands_still()
    {
        var chat = await StartAsync("one");
        var two = await VisitorSaysAsync(chat, "two");
        await Chats.ReplyAsync(chat.ConversationId, Grace, "three", false, Ct);
        await VisitorSaysAsync(chat, "four");

        var after = await Chats.ListMessagesAsync(chat.ConversationId, two.Id, forVisitor: true, Ct);

        Assert.Equal(["three", "four"], after!.Select(m => m.Body));
    }

    [Fact]
    public async Task More_messages_than_the_limit_per_minute_are_refused_with_a_wait()
    {
        var chat = await StartAsync();
        ChatResult last = new ChatResult.Done();
        for (var i = 1; i <= ChatOptions.Default.MessagesPerMinute; i++)
            last = await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, $"message {i}", null, Ct);

        var tooMany = Assert.IsType<ChatResult.TooMany>(last);
        Assert.True(tooMany.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_invalid_text()
    {
        var chat = await StartAsync();

        var result = await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken,
            new string('a', ChatOptions.MaxMessageLength + 1), null, Ct);

        Assert.Contains("text", Assert.IsType<ChatResult.Invalid>(result).Errors.Keys);
    }

    private Task<IntakeResult> FallBackAsync(ChatResult.Started chat, string phone, string? token = null) =>
        _h.Get<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = "Ada Lovelace", Phone = phone, ConversationId = chat.ConversationId },
            null, token ?? chat.VisitorToken, Ct);

    [Fact]
    public async Task A_callback_from_a_chat_joins_the_same_conversation()
    {
        var chat = await StartAsync();
        await VisitorSaysAsync(chat, "Anyone?");

        var receipt = Assert.IsType<IntakeResult.Accepted>(await FallBackAsync(chat, "020 7946 0958")).Receipt;

        Assert.Equal(chat.ConversationId, receipt.ConversationId);
        await using var db = _h.Db();
        var conversation = await db.Conversations.Include(c => c.Customer).SingleAsync(Ct);
        Assert.Equal(ConversationStatus.Pending, conversation.Status);
        Assert.Equal("+442079460958", conversation.Customer!.PhoneE164);
        Assert.Equal(3, await db.Messages.CountAsync(Ct));
        Assert.Equal(chat.ConversationId, (await db.CallbackRequests.SingleAsync(Ct)).ConversationId);
        Assert.Contains(_events.Published, e => e is ConversationStatusChanged { Status: ConversationStatus.Pending });
    }

    [Fact]
    public async Task A_callback_from_a_chat_with_a_known_number_moves_the_chat_to_that_customer()
    {
        var earlier = Assert.IsType<IntakeResult.Accepted>(await _h.Get<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = "Ada Lovelace", Phone = "020 7946 0958" }, null, Ct)).Receipt;
        var chat = await StartAsync();

        await FallBackAsync(chat, "020 7946 0958");

        await using var db = _h.Db();
        var known = await db.Conversations.Where(c => c.Id == earlier.ConversationId).Select(c => c.CustomerId).SingleAsync(Ct);
        Assert.Equal(known, await db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.CustomerId).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_callback_with_a_wrong_chat_token_is_not_found_and_writes_nothing()
    {
        var chat = await StartAsync();
        var other = await StartAsync();

        var result = await FallBackAsync(chat, "020 7946 0958", token: other.VisitorToken);

        Assert.IsType<IntakeResult.ConversationNotFound>(result);
        await using var db = _h.Db();
        Assert.Equal(0, await db.CallbackRequests.CountAsync(Ct));
        Assert.Equal(ConversationStatus.Open, (await db.Conversations.SingleAsync(c => c.Id == chat.ConversationId, Ct)).Status);
    }
}
