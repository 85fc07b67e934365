using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>An agent chatting in real Chromium with the app on a real port; the visitor writes through the chat domain
/// service (the widget's side is tested where the widget lives).</summary>
public sealed class AgentChatBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 10_000 };

    private ChatConversations Chats => browser.App.Services.GetRequiredService<ChatConversations>();

    private async Task<ChatResult.Started> StartAsync(string name, string message) =>
        Assert.IsType<ChatResult.Started>(await Chats.StartAsync(new ChatStart { Name = name, Message = message }, Ct));

    private static ILocator Composer(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Write a reply" });

    /// <summary>The conversation as the circuit drew it (the prerendered composer is replaced, with whatever was typed in it).</summary>
    private async Task<IPage> OpenChatAsync(Guid conversationId, int width = 1366, int height = 900)
    {
        var page = await browser.OpenAsync($"/dashboard/chat/inbox/{conversationId}", width, height);
        await page.Locator("[data-enter-sends=on]").WaitForAsync();
        return page;
    }

    private static ILocator Message(IPage page, string text) =>
        page.Locator("[data-testid=message]", new PageLocatorOptions { HasTextString = text });

    [Fact]
    public async Task A_visitor_message_appears_in_the_open_chat_and_the_agents_reply_is_stored_for_the_visitor()
    {
        var chat = await StartAsync("Mary Jackson", "Hello, I have a question about my booking");
        var agent = await OpenChatAsync(chat.ConversationId);
        await Assertions.Expect(Message(agent, "question about my booking")).ToBeVisibleAsync();

        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "It is for next Tuesday", "key-1", Ct);

        await Assertions.Expect(Message(agent, "It is for next Tuesday")).ToBeVisibleAsync(Live);

        await Composer(agent).FillAsync("Let me look that up for you");
        await Composer(agent).PressAsync("Enter");

        await Assertions.Expect(Message(agent, "Let me look that up for you")).ToBeVisibleAsync();
        await Assertions.Expect(Composer(agent)).ToHaveValueAsync("");
        await Assertions.Expect(Composer(agent)).ToBeFocusedAsync();
        var stored = (await Chats.ListMessagesAsync(chat.ConversationId, after: null, forVisitor: true, Ct))!;
        Assert.Equal((MessageAuthor.Agent, "Let me look that up for you"), (stored[^1].Author, stored[^1].Body));
    }

    [Fact]
    public async Task Shift_Enter_adds_a_line_and_typing_a_shortcut_letter_in_the_composer_does_nothing_else()
    {
        var chat = await StartAsync("Dorothy Vaughan", "Can I pay by invoice?");
        var agent = await OpenChatAsync(chat.ConversationId);

        await Composer(agent).ClickAsync();
        await agent.Keyboard.TypeAsync("Yes, we can");
        await agent.Keyboard.PressAsync("Shift+Enter");
        // "r" resolves and "?" opens the shortcuts outside the composer; in it, they are letters.
        await agent.Keyboard.TypeAsync("r?");

        await Assertions.Expect(Composer(agent)).ToHaveValueAsync("Yes, we can\nr?");
        await Assertions.Expect(agent.Locator(".mud-dialog")).ToHaveCountAsync(0);
        Assert.Single((await Chats.ListMessagesAsync(chat.ConversationId, after: null, forVisitor: false, Ct))!);
    }

    [Fact]
    public async Task Screenshots_of_the_composer_and_an_internal_note()
    {
        var chat = await StartAsync("Katherine Johnson", "Hi! My order #4821 hasn't arrived yet. It was due on Monday.");
        var bea = new CallingAgent(null, "Bea Baker");
        await Chats.ReplyAsync(chat.ConversationId, bea,
            "Sorry about that, Katherine. I can see it left our warehouse on Friday — you can follow it at https://track.example.com/4821.",
            isInternal: false, Ct);
        await Chats.PostVisitorMessageAsync(chat.ConversationId, chat.VisitorToken, "It says \"held at depot\". Can you check?", "k1", Ct);
        await Chats.ReplyAsync(chat.ConversationId, bea, "Courier confirms a damaged label. Offer a reshipment if it isn't out by 3 pm.",
            isInternal: true, Ct);

        foreach (var (width, height, suffix) in new[] { (1366, 800, "laptop"), (390, 844, "phone") })
        {
            var agent = await OpenChatAsync(chat.ConversationId, width, height);
            await Assertions.Expect(agent.Locator("[data-internal=true]")).ToBeVisibleAsync();
            await Chats.VisitorTypingAsync(chat.ConversationId, chat.VisitorToken, Ct);
            await Composer(agent).FillAsync("I've asked the courier to deliver it tomorrow morning.");
            await Assertions.Expect(agent.GetByText("Katherine Johnson is typing…")).ToBeVisibleAsync(Live);
            await Assertions.Expect(agent.Locator("[data-testid=composer-send]")).ToBeEnabledAsync();
            await agent.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"chat-composer-{suffix}.png") });

            await Composer(agent).FillAsync("");
            await agent.Locator(".cs-composer__note-switch input").CheckAsync();
            await agent.GetByRole(AriaRole.Textbox, new() { Name = "Write an internal note" })
                .FillAsync("Reshipment approved by billing — ref R-2231.");
            await Assertions.Expect(agent.Locator("[data-testid=composer-send]")).ToBeEnabledAsync();
            await agent.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.ScreenshotPath($"chat-internal-note-{suffix}.png") });
            await agent.Context.CloseAsync();
        }
    }
}
