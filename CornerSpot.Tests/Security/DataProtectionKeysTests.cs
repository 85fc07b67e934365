using System.Net;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CornerSpot.Tests.Security;

public sealed class DataProtectionKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_another_on_the_same_database(DatabaseProvider provider)
    {
        await using var first = new AppFactory(provider: provider);
        var response = await AppFactory.PostLoginAsync(first.CreateBrowserLikeClient(), AppFactory.AdminEmail, AppFactory.AdminPassword);
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues("Set-Cookie").ToList()).Single(c => c.Name == "CornerSpot.Auth");

        // Another machine: its own content root (the default application name) and no key files of the first.
        var otherRoot = Directory.CreateTempSubdirectory("cornerspot-node-");
        try
        {
            await using var second = new AppFactory(new Dictionary<string, string?> { ["contentRoot"] = otherRoot.FullName }, database: first.Database);
            var client = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            client.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/settings", Ct)).StatusCode);
        }
        finally
        {
            otherRoot.Delete(recursive: true);
        }
        await using var db = first.Db();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(Ct));
    }
}
