using System.Security.Claims;
using Bunit;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Live;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Components.Inbox;

/// <summary>The agent's side of a chat in the inbox page, on a real SQLite file, as the signed-in agent Grace.</summary>
public sealed class InboxChatPageTests : InboxTestContext
{
    private static readonly CallingAgent Bob = new("bob", "Bob Baker");
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    /// <summary>A first render JIT-compiles the whole page; on a loaded 2-core machine that alone can take seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ChatConversations Chats => Harness.Get<ChatConversations>();

    private async Task<ChatResult.Started> StartAsync(string name = "Ada Lovelace", string message = "Where is my order?") =>
        Assert.IsType<ChatResult.Started>(await Chats.StartAsync(new ChatStart { Name = name, Message = message }, Ct));

    private IRenderedComponent<InboxPage> Open(Guid? conversationId = null)
    {
        Auth.SetAuthorized("Grace Hopper");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "grace"));
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            conversationId is { } id ? $"/dashboard/chat/inbox/{id}" : "/dashboard/chat/inbox");
        var cut = Render<InboxPage>(p => p.Add(x => x.ConversationId, conversationId));
        if (conversationId is not null) cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=composer-input]")), Patience);
        else cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=conversation-row]")), Patience);
        return cut;
    }

    private static void SwitchToNote(IRenderedComponent<InboxPage> cut)
    {
        cut.Find(".cs-composer__note-switch input").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("cs-composer--note", cut.Find("[data-testid=composer]").ClassList), Patience);
    }

    private static string[] Bodies(IRenderedComponent<InboxPage> cut) =>
        [.. cut.FindAll("[data-testid=message] .cs-msg__bubble").Select(e => e.TextContent.Trim())];

    private async Task<IReadOnlyList<ChatMessageView>> VisitorSeesAsync(Guid id) =>
        (await Chats.ListMessagesAsync(id, after: null, forVisitor: true, Ct))!;

    [Fact]
    public async Task Send_shows_the_reply_at_once_and_the_visitor_receives_it()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        cut.Find("[data-testid=composer-input]").Input("It left our warehouse today");
        cut.Find("[data-testid=composer]").Submit();

        cut.WaitForAssertion(() => Assert.Equal(["Where is my order?", "It left our warehouse today"], Bodies(cut)), Patience);
        var reply = (await VisitorSeesAsync(chat.ConversationId))[^1];
        Assert.Equal((MessageAuthor.Agent, "Grace Hopper", "It left our warehouse today"), (reply.Author, reply.AuthorName, reply.Body));
    }

    [Fact]
    public async Task The_composer_is_empty_again_after_sending()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);
        cut.Find("[data-testid=composer-input]").Input("On its way");
        cut.Find("[data-testid=composer]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("On its way", Bodies(cut)), Patience);

        cut.Find("[data-testid=composer]").Submit();

        Assert.Equal(2, (await VisitorSeesAsync(chat.ConversationId)).Count);
        Assert.True(cut.Find("[data-testid=composer-send]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Enter_sends_the_reply()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        cut.Find("[data-testid=composer-input]").Input("Sent with Enter");
        cut.Find("[data-testid=composer-input]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() => Assert.Contains("Sent with Enter", Bodies(cut)), Patience);
    }

    [Fact]
    public async Task Shift_Enter_starts_a_new_line_instead_of_sending()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        cut.Find("[data-testid=composer-input]").Input("First line");
        cut.Find("[data-testid=composer-input]").KeyDown(new KeyboardEventArgs { Key = "Enter", ShiftKey = true });

        Assert.Equal(["Where is my order?"], Bodies(cut));
        Assert.Single(await VisitorSeesAsync(chat.ConversationId));
        // The text is still there to finish and send.
        cut.Find("[data-testid=composer]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("First line", Bodies(cut)), Patience);
    }

    [Fact]
    public async Task An_internal_note_is_marked_as_one_and_never_reaches_the_visitor()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        SwitchToNote(cut);
        cut.Find("[data-testid=composer-input]").Input("Refund case, check with billing");
        cut.Find("[data-testid=composer]").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-internal=true]")), Patience);
        var note = cut.Find("[data-internal=true]");
        Assert.Contains("Internal note", note.QuerySelector("[data-testid=internal-note-tag]")!.TextContent);
        Assert.Contains("cs-msg--note", note.ClassList);
        Assert.Equal("Refund case, check with billing", note.QuerySelector(".cs-msg__bubble")!.TextContent.Trim());
        Assert.DoesNotContain(await VisitorSeesAsync(chat.ConversationId), m => m.Body.Contains("Refund"));
    }

    [Fact]
    public async Task The_note_switch_changes_what_the_composer_offers()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        cut.Find(".cs-composer__note-switch input").Change(true);

        cut.WaitForAssertion(() => Assert.Contains("cs-composer--note", cut.Find("[data-testid=composer]").ClassList), Patience);
        Assert.Equal("Add note", cut.Find("[data-testid=composer-send]").TextContent.Trim());
        Assert.Equal("Write an internal note", cut.Find("label[for=chat-composer]").TextContent.Trim());
    }

    [Fact]
    public async Task The_composer_is_labelled_for_screen_readers()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        Assert.Equal("Write a reply", cut.Find("label[for=chat-composer]").TextContent.Trim());
        Assert.Equal("Write a reply…", cut.Find("#chat-composer").GetAttribute("placeholder"));
        Assert.Equal("polite", cut.Find("ol.cs-messages").GetAttribute("aria-live"));
    }

    [Fact]
    public async Task A_chat_another_agent_answered_says_they_are_on_it()
    {
        var chat = await StartAsync();
        await Chats.ReplyAsync(chat.ConversationId, Bob, "Hi, Bob here", isInternal: false, Ct);

        var cut = Open(chat.ConversationId);

        Assert.Equal("Bob Baker is on this chat", cut.Find("[data-testid=chat-owner]").TextContent.Trim());
    }

    [Fact]
    public async Task Replying_first_makes_the_chat_mine_and_says_nothing_about_another_agent()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        cut.Find("[data-testid=composer-input]").Input("Hi, Grace here");
        cut.Find("[data-testid=composer]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("grace", Chats.GetStateAsync(chat.ConversationId, Ct).Result!.AssignedAgentId), Patience);
        Assert.Empty(cut.FindAll("[data-testid=chat-owner]"));
    }

    [Fact]
    public async Task A_teammate_answering_while_I_look_shows_them_on_the_chat_live()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        await Chats.ReplyAsync(chat.ConversationId, Bob, "Hi, Bob here", isInternal: false, Ct);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Bob Baker is on this chat", cut.Find("[data-testid=chat-owner]").TextContent.Trim());
            Assert.Contains("Hi, Bob here", Bodies(cut));
        }, Patience);
    }

    [Fact]
    public async Task A_row_with_unread_messages_is_bold_and_counts_them()
    {
        var chat = await StartAsync();
        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "Hello?", null, Ct);

        var cut = Open();

        var row = cut.Find("[data-testid=conversation-row]");
        Assert.Contains("cs-row--unread", row.ClassList);
        Assert.Equal("2", row.QuerySelector("[data-testid=unread-count]")!.TextContent.Trim());
        Assert.Equal("2 unread messages", row.QuerySelector("[data-testid=unread-count]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_visitor_message_makes_its_row_unread_live()
    {
        var chat = await StartAsync();
        await Chats.MarkReadAsync(chat.ConversationId, Bob, Ct);
        var cut = Open();
        Assert.Empty(cut.FindAll("[data-testid=unread-count]"));

        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "Anyone there?", null, Ct);

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=unread-count]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Opening_a_chat_marks_it_read()
    {
        var chat = await StartAsync();

        var cut = Open(chat.ConversationId);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unread-count]")), Patience);
        await using var db = Harness.Db();
        Assert.Equal(0, await db.Conversations.Where(c => c.Id == chat.ConversationId).Select(c => c.UnreadCount).SingleAsync(Ct));
    }

    [Fact]
    public async Task The_tab_title_counts_unread_chats_and_pending_callbacks()
    {
        await StartAsync("Unread chat");
        await Harness.CallbackAsync(new CallbackSubmission { Name = "Caller", Phone = "+44 20 7946 0001" });
        var head = Render<HeadOutlet>();

        Open();

        head.WaitForAssertion(() => Assert.Equal("(2) Live Chat Inbox", head.Find("title").TextContent), Patience);
    }

    [Fact]
    public async Task A_new_chat_alerts_with_the_visitors_name()
    {
        await StartAsync("Earlier visitor");
        var cut = Open();
        var snackbar = Render<MudBlazor.MudSnackbarProvider>();

        await StartAsync("Katherine Johnson");

        snackbar.WaitForAssertion(() => Assert.Contains("New chat from Katherine Johnson", snackbar.Markup), Patience);
        cut.WaitForAssertion(() => Assert.Equal("Katherine Johnson", cut.Find("[data-testid=conversation-row] .cs-row__name").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Resolve_conversation_resolves_the_chat()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        // Opening marks the chat read and redraws: find and click in one renderer turn.
        await cut.InvokeAsync(() => cut.Find("[data-testid=resolve-conversation]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Resolved", cut.Find("[data-testid=conversation] header [data-status]").TextContent.Trim()), Patience);
        Assert.Equal(ConversationStatus.Resolved, (await Chats.GetStateAsync(chat.ConversationId, Ct))!.Status);
        Assert.NotNull(cut.Find("[data-testid=reopen-conversation]"));
    }

    [Fact]
    public async Task A_visitor_message_reopens_a_resolved_chat_on_screen()
    {
        var chat = await StartAsync();
        await Chats.ResolveAsync(chat.ConversationId, Ct);
        var cut = Open(chat.ConversationId);
        Assert.Equal("Resolved", cut.Find("[data-testid=conversation] header [data-status]").TextContent.Trim());

        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "One more thing", null, Ct);

        cut.WaitForAssertion(() => Assert.Equal("Open", cut.Find("[data-testid=conversation] header [data-status]").TextContent.Trim()), Patience);
        Assert.Contains("One more thing", Bodies(cut));
        Assert.NotNull(cut.Find("[data-testid=resolve-conversation]"));
    }

    [Fact]
    public async Task The_visitor_typing_shows_who_is_typing()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);

        await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);

        cut.WaitForAssertion(() => Assert.Equal("Ada Lovelace is typing…", cut.Find("[data-testid=typing]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task The_typing_indicator_goes_when_the_visitor_stops()
    {
        var chat = await StartAsync();
        var cut = Open(chat.ConversationId);
        await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);
        cut.WaitForAssertion(() => Assert.Contains("is typing", cut.Find("[data-testid=typing]").TextContent), Patience);

        Harness.Clock.Advance(TimeSpan.FromSeconds(6));

        cut.WaitForAssertion(() => Assert.Equal("", cut.Find("[data-testid=typing]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task Typing_a_reply_tells_the_visitor_once_per_two_seconds()
    {
        var chat = await StartAsync();
        var typing = new List<ChatTyping>();
        using var _ = Harness.Get<IInboxEvents>().Subscribe(e =>
        {
            if (e is ChatTyping t) lock (typing) typing.Add(t);
            return Task.CompletedTask;
        });
        var cut = Open(chat.ConversationId);

        cut.Find("[data-testid=composer-input]").Input("H");
        cut.Find("[data-testid=composer-input]").Input("He");
        cut.Find("[data-testid=composer-input]").Input("Hel");

        cut.WaitForAssertion(() => Assert.Equal(("Grace Hopper", ChatSide.Agent), (typing.Single().AgentName, typing.Single().Side)), Patience);
    }

    [Fact]
    public async Task Writing_a_note_does_not_tell_the_visitor_someone_is_typing()
    {
        var chat = await StartAsync();
        var typing = 0;
        using var _ = Harness.Get<IInboxEvents>().Subscribe(e =>
        {
            if (e is ChatTyping) Interlocked.Increment(ref typing);
            return Task.CompletedTask;
        });
        var cut = Open(chat.ConversationId);
        SwitchToNote(cut);

        cut.Find("[data-testid=composer-input]").Input("Private");
        cut.Find("[data-testid=composer]").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-internal=true]")), Patience);
        Assert.Equal(0, typing);
    }

    [Fact]
    public async Task A_link_in_an_agent_message_is_a_link_and_one_in_a_visitor_message_is_text()
    {
        var chat = await StartAsync(message: "See https://evil.example/x and javascript:alert(1)");
        await Chats.ReplyAsync(chat.ConversationId, Bob, "Track it at https://track.example/123.", isInternal: false, Ct);

        var cut = Open(chat.ConversationId);

        var links = cut.FindAll("[data-testid=message] a");
        var link = Assert.Single(links);
        Assert.Equal("https://track.example/123", link.GetAttribute("href"));
        Assert.Equal("noopener nofollow", link.GetAttribute("rel"));
        Assert.Equal("See https://evil.example/x and javascript:alert(1)", Bodies(cut)[0]);
    }

    [Fact]
    public async Task A_conversation_that_is_only_a_callback_has_no_composer()
    {
        var receipt = await Harness.CallbackAsync(new CallbackSubmission { Name = "Caller", Phone = "+44 20 7946 0001" });
        Auth.SetAuthorized("Grace Hopper");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "grace"));

        var cut = Render<InboxPage>(p => p.Add(x => x.ConversationId, receipt.ConversationId));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=callback-card]")), Patience);
        Assert.Empty(cut.FindAll("[data-testid=composer]"));
    }
}
