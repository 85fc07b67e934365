using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CornerSpot.Domain.Agents;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CornerSpot.Tests.Browser;

/// <summary>Real agents in real Chromium windows, a real widget visitor, the app on a real port.</summary>
public sealed class LiveDeliveryBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ILocator Row(IPage page, string name) =>
        page.Locator("[data-testid=conversation-row]", new PageLocatorOptions { HasTextString = name });

    private static ILocator Card(IPage page) => page.Locator("[data-testid=callback-card]");

    [Fact]
    public async Task Two_agents_see_a_new_callback_without_reloading_and_a_resolution_by_one_reaches_the_other()
    {
        await browser.App.CreateAgentAsync("bea@test.local", "Bea-Password-1", Roles.Agent);
        var agentA = await browser.OpenAsync("/dashboard/chat/inbox");
        var agentB = await browser.OpenAsync("/dashboard/chat/inbox", email: "bea@test.local", password: "Bea-Password-1");

        using var http = new HttpClient { BaseAddress = browser.App.BaseAddress };
        var posted = await http.PostAsJsonAsync("/api/widget/callbacks",
            new { name = "Hedy Lamarr", phone = "+1 212 555 0199", note = "Frequency hopping question" }, Ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        foreach (var page in new[] { agentA, agentB })
        {
            await Assertions.Expect(Row(page, "Hedy Lamarr")).ToBeVisibleAsync(new() { Timeout = 5_000 });
            await Assertions.Expect(page.GetByText("New callback request from Hedy Lamarr")).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\(\d+\) Live Chat Inbox"));
        }

        await Row(agentB, "Hedy Lamarr").ClickAsync();
        await Assertions.Expect(Card(agentB).Locator("[data-status]")).ToHaveTextAsync("Pending");
        await Row(agentA, "Hedy Lamarr").ClickAsync();
        await Card(agentA).GetByRole(AriaRole.Button, new() { Name = "Mark resolved" }).ClickAsync();
        await Assertions.Expect(Card(agentA).Locator("[data-status]")).ToHaveTextAsync("Resolved");

        // Agent B never reloaded.
        await Assertions.Expect(Card(agentB).Locator("[data-status]")).ToHaveTextAsync("Resolved", new() { Timeout = 5_000 });
        await Assertions.Expect(Card(agentB).GetByRole(AriaRole.Button, new() { Name = "Mark resolved" })).ToHaveCountAsync(0);
        await Assertions.Expect(Card(agentB).Locator("[data-testid=callback-resolved]")).ToContainTextAsync("Administrator");
    }

    [Fact]
    public async Task A_visitor_on_the_demo_page_reaches_an_agent_who_calls_back_and_resolves()
    {
        var agent = await browser.OpenAsync("/dashboard/chat/inbox");
        // On another call: nobody is Online, so the visitor is offered a callback rather than a chat.
        await browser.GoAwayAsync(agent);

        // A visitor in New York types a US number the American way; their browser's locale says US.
        var visitor = await browser.NewPageAsync(timeZone: "America/New_York", locale: "en-US");
        await visitor.GotoAsync("/widget/demo");
        await BrowserApp.OpenWidgetAsync(visitor, "form");
        await visitor.GetByLabel("Name", new() { Exact = true }).FillAsync("Grace Hopper");
        await visitor.GetByLabel("Phone number").FillAsync("(212) 555-0142");
        await visitor.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Tomorrow" });
        await visitor.GetByLabel("From", new() { Exact = true }).FillAsync("09:00");
        await visitor.GetByLabel("To", new() { Exact = true }).FillAsync("11:00");
        await visitor.GetByLabel("Note (optional)").FillAsync("Compiler licensing <b>question</b>");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Request a callback" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thanks! We’ll call you back." })).ToBeVisibleAsync();

        var row = Row(agent, "Grace Hopper");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await row.ClickAsync();
        var card = Card(agent);
        await Assertions.Expect(card).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(card.Locator("[data-testid=callback-phone]")).ToHaveAttributeAsync("href", "tel:+12125550142");
        await Assertions.Expect(card.Locator("[data-testid=callback-phone]")).ToHaveTextAsync("+1 212-555-0142");
        await Assertions.Expect(card).ToContainTextAsync("Compiler licensing <b>question</b>");
        await Assertions.Expect(card).ToContainTextAsync("Requested");
        await Assertions.Expect(card).ToContainTextAsync("New York");
        await Assertions.Expect(agent.Locator("section.cs-inbox__detail"))
            .ToContainTextAsync("I reached out while your team was offline and would like a call back.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Mark resolved" }).ClickAsync();
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveTextAsync("Resolved");

        await using var db = browser.App.Db();
        var stored = await db.CallbackRequests.SingleAsync(c => c.Name == "Grace Hopper", Ct);
        Assert.Equal(Domain.Callbacks.CallbackStatus.Resolved, stored.Status);
    }

    [Fact]
    public async Task A_newcomer_signs_in_sees_the_console_signs_out_and_is_kept_out()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/dashboard/chat/inbox");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await BrowserApp.SignInAsync(page, "/dashboard/chat/inbox");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Live Chat Inbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await page.GotoAsync("/dashboard/team");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/account/login\?ReturnUrl=%2Fdashboard%2Fteam"));
    }
}
