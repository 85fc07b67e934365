using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>The "done when": a visitor in the real widget on /widget/demo and a signed-in agent in the real
/// console, two browser contexts against one app on a real port, chatting both ways through the UI only.</summary>
public sealed class ChatBothWaysBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A round trip through the server and the other browser: on a machine shared by several builds it can take a while.
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToHaveCountOptions Stored = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_visitor_in_the_widget_and_an_agent_in_the_console_chat_both_ways_and_a_note_stays_with_the_agent()
    {
        // The agent signs in: an open console makes them online, so the widget is a chat.
        var console = await browser.OpenAsync("/dashboard/chat/inbox");
        string agentName;
        await using (var db = browser.App.Db())
            agentName = await db.Users.Where(u => u.UserName == AppFactory.AdminEmail).Select(u => u.DisplayName).SingleAsync(Ct);

        var visitor = await browser.NewPageAsync(1366, 800);
        await visitor.GotoAsync("/widget/demo");
        var log = visitor.GetByRole(AriaRole.Log);
        async Task VisitorSaysAsync(string text)
        {
            await visitor.GetByPlaceholder("Type your message…").FillAsync(text);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Assertions.Expect(log.GetByText(text)).ToBeVisibleAsync();
            await Assertions.Expect(visitor.Locator(".bubble.pending")).ToHaveCountAsync(0, Stored);
        }

        await visitor.GetByRole(AriaRole.Button, new() { Name = "Contact us" }).ClickAsync();
        await visitor.GetByLabel("Name (optional)").FillAsync("Ada");
        await VisitorSaysAsync("Hi! Do you ship to Norway?");
        Guid conversationId;
        await using (var db = browser.App.Db())
            conversationId = await db.Conversations.Select(c => c.Id).SingleAsync(Ct);

        // The agent opens the conversation in another tab of the same session (the first keeps them online).
        var agent = await console.Context.NewPageAsync();
        await agent.GotoAsync($"/dashboard/chat/inbox/{conversationId}");
        await agent.Locator("[data-enter-sends=on]").WaitForAsync();
        var messages = agent.Locator("[data-testid=message]");
        await Assertions.Expect(messages.Filter(new() { HasTextString = "Do you ship to Norway?" })).ToBeVisibleAsync();

        // Visitor → agent, without a reload.
        await VisitorSaysAsync("It's a gift for my sister in Bergen.");
        await Assertions.Expect(messages.Filter(new() { HasTextString = "a gift for my sister in Bergen" })).ToBeVisibleAsync(Live);

        // The agent types: the visitor sees it; Enter sends; the visitor sees the agent join and the reply.
        var composer = agent.GetByRole(AriaRole.Textbox, new() { Name = "Write a reply" });
        await composer.PressSequentiallyAsync("Yes, we ship to Norway in 3–5 working days.");
        await Assertions.Expect(visitor.GetByText($"{agentName} is typing…")).ToBeVisibleAsync(Live);
        await composer.PressAsync("Enter");
        await Assertions.Expect(log.GetByText($"{agentName} joined the chat")).ToBeVisibleAsync(Live);
        await Assertions.Expect(log.GetByText("Yes, we ship to Norway in 3–5 working days.")).ToBeVisibleAsync(Live);

        // An internal note, then a normal reply: once the reply is in the widget, the note would have been too.
        await agent.Locator(".cs-composer__note-switch input").CheckAsync();
        var note = agent.GetByRole(AriaRole.Textbox, new() { Name = "Write an internal note" });
        await note.FillAsync("Repeat customer: offer free gift wrapping.");
        await note.PressAsync("Enter");
        await Assertions.Expect(agent.Locator("[data-internal=true]", new() { HasTextString = "free gift wrapping" })).ToBeVisibleAsync(Live);
        await agent.Locator(".cs-composer__note-switch input").UncheckAsync();
        await composer.FillAsync("Would you like it gift-wrapped? It's on us.");
        await composer.PressAsync("Enter");

        await Assertions.Expect(log.GetByText("Would you like it gift-wrapped? It's on us.")).ToBeVisibleAsync(Live);
        await Assertions.Expect(visitor.GetByText("free gift wrapping")).ToHaveCountAsync(0);

        await VisitorSaysAsync("Yes please, thank you!");
        await Assertions.Expect(messages.Filter(new() { HasTextString = "Yes please, thank you!" })).ToBeVisibleAsync(Live);
        await Screenshots.SaveAsync(visitor, "widget-chat-laptop");
        await visitor.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(visitor, "widget-chat-phone");
    }
}
