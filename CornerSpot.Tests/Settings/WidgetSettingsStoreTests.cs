using CornerSpot.Domain.Settings;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Settings;

public sealed class WidgetSettingsStoreTests : IAsyncLifetime
{
    private DomainHarness _h = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _h = await DomainHarness.CreateAsync();
        // Principals.Admin is an enabled Admin in the database: the service re-reads the actor's role there.
        await _h.StoredAgentAsync();
    }

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task Any_site_is_allowed_until_an_admin_saves_a_list()
    {
        Assert.Equal(["*"], await _h.Get<WidgetSettingsStore>().GetAllowedOriginsAsync(Ct));
    }

    [Fact]
    public async Task Saved_origins_are_normalised_and_survive_a_restart()
    {
        Assert.Null(await _h.Get<WidgetSettingsStore>().SaveAllowedOriginsAsync(Principals.Admin, "https://shop.example.com/\n  https://www.example.org ", Ct));

        var fresh = new WidgetSettingsStore(_h.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<CornerSpot.Domain.Persistence.CornerSpotDb>>(),
            _h.Get<Microsoft.Extensions.Configuration.IConfiguration>(), _h.Get<CornerSpot.Domain.Audit.AuditLog>(),
            _h.Get<CornerSpot.Domain.Live.IInboxEvents>());
        Assert.Equal(["https://shop.example.com", "https://www.example.org"], await fresh.GetAllowedOriginsAsync(Ct));
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("https://shop.example.com/pricing")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://user@shop.example.com")]
    [InlineData("   ")]
    public async Task Anything_but_an_origin_is_refused_and_nothing_changes(string text)
    {
        var store = _h.Get<WidgetSettingsStore>();

        Assert.NotNull(await store.SaveAllowedOriginsAsync(Principals.Admin, text, Ct));

        Assert.Equal(["*"], await store.GetAllowedOriginsAsync(Ct));
    }

    [Fact]
    public async Task Only_an_admin_may_change_the_origins() =>
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _h.Get<WidgetSettingsStore>().SaveAllowedOriginsAsync(Principals.Agent, "*", Ct));
}
