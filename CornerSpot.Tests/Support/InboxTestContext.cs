using Bunit;
using Bunit.TestDoubles;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Chat;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Support;

/// <summary>bunit for the Live Chat Inbox: the page's services from a <see cref="DomainHarness"/> on a real SQLite file.</summary>
public abstract class InboxTestContext : MudTestContext, IAsyncLifetime
{
    protected DomainHarness Harness { get; private set; } = null!;
    protected BunitAuthorizationContext Auth { get; private set; } = null!;

    /// <summary>Interceptors to watch the page's SQL with, if any.</summary>
    protected virtual IEnumerable<IInterceptor> Interceptors => [];

    /// <summary>Configuration to run the page's services with, over the test defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async ValueTask InitializeAsync()
    {
        Harness = await DomainHarness.CreateAsync(DatabaseProvider.Sqlite, services =>
        {
            foreach (var interceptor in Interceptors) services.AddSingleton(interceptor);
        }, settings: Settings);
        Services.AddLogging();
        Services.AddSupplyValueFromQueryProvider();
        Services.AddSingleton(Harness.Get<InboxQuery>());
        Services.AddSingleton(Harness.Get<PendingCallbackCount>());
        Services.AddSingleton(Harness.Get<SharedInboxReads>());
        Services.AddSingleton(Harness.Get<ConversationQuery>());
        Services.AddSingleton(Harness.Get<CallbackWork>());
        Services.AddSingleton(Harness.Get<ChatConversations>());
        Services.AddSingleton(Harness.Get<IInboxEvents>());
        Services.AddSingleton<TimeProvider>(Harness.Clock);
        Auth = AddAuthorization();
        RenderInteractively();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
