using Bunit;
using Microsoft.AspNetCore.Components;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Components.Inbox;
using CornerSpot.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Live;

public sealed class CircuitConnectionTests : InboxTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_a_connection_that_comes_back_after_dropping_counts_as_a_reconnect()
    {
        var connection = new CircuitConnection();
        var reconnects = 0;
        using var subscription = connection.OnReconnected(() => reconnects++);

        await connection.OnConnectionUpAsync(null!, Ct);
        await connection.OnConnectionDownAsync(null!, Ct);
        Assert.False(connection.IsConnected);
        await connection.OnConnectionUpAsync(null!, Ct);
        await connection.OnConnectionUpAsync(null!, Ct);

        Assert.Equal(1, reconnects);
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task After_a_reconnect_the_inbox_catches_up_with_what_it_missed()
    {
        var cut = Render<InboxPage>();
        cut.WaitForAssertion(() => Assert.Equal("0 conversations", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));
        var connection = Services.GetRequiredService<CircuitConnection>();
        await connection.OnConnectionDownAsync(null!, Ct);

        // Arrives while the browser is away, without an event reaching this view.
        await Harness.ChatAsync("Alan Turing", "+447700900123", "Is the enigma kit back in stock?", ConversationStatus.Open);
        await connection.OnConnectionUpAsync(null!, Ct);

        cut.WaitForAssertion(() => Assert.Equal("1 conversation", cut.Find("[data-testid=inbox-count]").TextContent.Trim()));
    }
}
