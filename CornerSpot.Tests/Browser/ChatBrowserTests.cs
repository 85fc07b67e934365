using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Presence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>A visitor chatting in the widget on /widget/demo, in real Chromium against the app on a real socket; the
/// agent's side goes through the domain service the console uses.</summary>
public abstract class ChatBrowserTestBase(BrowserFixture browser, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected static readonly CallingAgent Grace = new("agent-grace", "Grace");
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A round trip to the server: on a machine shared by several builds it can take longer than Playwright's 5 s default.
    protected static readonly LocatorAssertionsToHaveCountOptions AllSent = new() { Timeout = 20_000 };
    protected static readonly LocatorAssertionsToBeVisibleOptions Sent = new() { Timeout = 20_000 };

    protected KestrelApp App { get; } = KestrelApp.Start(settings);
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var db = App.Db())
        {
            var agent = new Domain.Agents.Agent { UserName = "grace@example.com", DisplayName = "Grace" };
            db.Users.Add(agent);
            await db.SaveChangesAsync(Ct);
            App.Services.GetRequiredService<PresenceTracker>().CircuitOpened("circuit-1", agent.Id);
        }
        Context = await browser.NewContextAsync();
        Page = await Context.NewPageAsync();
        await Page.GotoAsync(App.Url("/widget/demo"));
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await App.DisposeAsync();
    }

    protected ChatConversations Chats => App.Services.GetRequiredService<ChatConversations>();
    protected ILocator Launcher => Page.GetByRole(AriaRole.Button, new() { Name = "Contact us" });
    protected ILocator MessageBox => Page.GetByPlaceholder("Type your message…");
    protected ILocator Send => Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });
    protected ILocator Log => Page.GetByRole(AriaRole.Log);

    protected async Task SayAsync(string text)
    {
        await MessageBox.FillAsync(text);
        await Send.ClickAsync();
    }

    /// <summary>The visitor opens the widget and starts a chat; returns the conversation once the server has it.</summary>
    protected async Task<Guid> StartChatAsync(string text = "Hello, is anyone there?")
    {
        await Launcher.ClickAsync();
        await Page.GetByLabel("Name (optional)").FillAsync("Ada");
        await SayAsync(text);
        // In the log at once (attached, not "visible": an unanswered chat may already have turned into the callback form).
        await Assertions.Expect(Log.GetByText(text)).ToBeAttachedAsync();
        // Sent once its bubble is no longer marked as waiting.
        await Assertions.Expect(Page.Locator(".bubble.pending")).ToHaveCountAsync(0, AllSent);
        await using var db = App.Db();
        return await db.Conversations.Select(c => c.Id).SingleAsync(Ct);
    }
}

public sealed class ChatBrowserTests(BrowserFixture browser) : ChatBrowserTestBase(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_sees_the_agent_join_and_reply_live()
    {
        var id = await StartChatAsync();

        await Chats.ReplyAsync(id, Grace, "Hi Ada, how can I help?", isInternal: false, Ct);

        await Assertions.Expect(Log.GetByText("Grace joined the chat")).ToBeVisibleAsync();
        await Assertions.Expect(Log.GetByText("Hi Ada, how can I help?")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "widget-chat");
    }

    [Fact]
    public async Task The_visitors_messages_reach_the_conversation_in_order()
    {
        var id = await StartChatAsync("First");

        await SayAsync("Second");
        await Assertions.Expect(Page.Locator(".bubble.pending")).ToHaveCountAsync(0, AllSent);

        var messages = await Chats.ListMessagesAsync(id, null, forVisitor: false, Ct);
        Assert.Equal(["First", "Second"], messages!.Select(m => m.Body));
    }

    [Fact]
    public async Task The_agent_typing_shows_in_the_widget()
    {
        var id = await StartChatAsync();

        await Chats.AgentTypingAsync(id, Grace, Ct);

        await Assertions.Expect(Page.GetByText("Grace is typing…")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_link_in_an_agent_reply_is_a_safe_link_and_markup_stays_text()
    {
        var id = await StartChatAsync();

        await Chats.ReplyAsync(id, Grace, "See https://example.com/help. <b>bold</b>", isInternal: false, Ct);

        var link = Log.GetByRole(AriaRole.Link, new() { Name = "https://example.com/help" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://example.com/help");
        await Assertions.Expect(link).ToHaveAttributeAsync("rel", "noopener nofollow");
        await Assertions.Expect(Log.GetByText("<b>bold</b>")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_internal_note_never_appears_in_the_widget()
    {
        var id = await StartChatAsync();

        await Chats.ReplyAsync(id, Grace, "Internal: VIP customer", isInternal: true, Ct);
        await Chats.ReplyAsync(id, Grace, "Hello from Grace", isInternal: false, Ct);

        await Assertions.Expect(Log.GetByText("Hello from Grace")).ToBeVisibleAsync();
        await Assertions.Expect(Log.GetByText("VIP customer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_reload_keeps_the_transcript()
    {
        var id = await StartChatAsync("Where is my order?");
        await Chats.ReplyAsync(id, Grace, "Let me check.", isInternal: false, Ct);
        await Assertions.Expect(Log.GetByText("Let me check.")).ToBeVisibleAsync();

        await Page.ReloadAsync();
        await Launcher.ClickAsync();

        await Assertions.Expect(Log.GetByText("Where is my order?")).ToBeVisibleAsync();
        await Assertions.Expect(Log.GetByText("Let me check.")).ToBeVisibleAsync();
        await Chats.ReplyAsync(id, Grace, "Found it.", isInternal: false, Ct);
        await Assertions.Expect(Log.GetByText("Found it.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_message_typed_offline_is_sent_when_the_connection_is_back()
    {
        var id = await StartChatAsync();

        await Context.SetOfflineAsync(true);
        await SayAsync("Sent while offline");
        await Assertions.Expect(Page.GetByText("You seem to be offline.", new() { Exact = false })).ToBeVisibleAsync();
        await Context.SetOfflineAsync(false);

        await Assertions.Expect(Page.Locator(".bubble.pending")).ToHaveCountAsync(0, AllSent);
        var messages = await Chats.ListMessagesAsync(id, null, forVisitor: true, Ct);
        Assert.Single(messages!, m => m.Body == "Sent while offline");
    }
}

public sealed class ChatFallbackBrowserTests(BrowserFixture browser)
    : ChatBrowserTestBase(browser, new Dictionary<string, string?> { ["Chat:AnswerSeconds"] = "5" }), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_unanswered_chat_becomes_a_callback_in_the_same_conversation()
    {
        var id = await StartChatAsync();

        // The panel says it; the screen-reader live region repeats it (hidden by design).
        await Assertions.Expect(Page.Locator("#cs-panel").GetByText(ChatMessages.NoAnswer)).ToBeVisibleAsync(Sent);
        // An agent is online but nobody answered: the header must not promise "Agents are online" any more.
        await Assertions.Expect(Page.Locator("#cs-panel .sub")).ToHaveTextAsync("Everyone is busy right now");
        await Assertions.Expect(Page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ada");
        await Page.GetByLabel("Phone number").FillAsync("+44 20 7946 0958");
        await Screenshots.SaveAsync(Page, "widget-chat-fallback");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Request a callback" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thanks! We’ll call you back." })).ToBeVisibleAsync(Sent);

        await using var db = App.Db();
        var conversation = await db.Conversations.SingleAsync(Ct);
        Assert.Equal(id, conversation.Id);
        Assert.Equal(ConversationStatus.Pending, conversation.Status);
        Assert.Equal(id, (await db.CallbackRequests.SingleAsync(Ct)).ConversationId);
    }
}
