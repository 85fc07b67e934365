using System.Net;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CornerSpot.Tests.Security;

public sealed class DataProtectionKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_another_on_the_same_database()
    {
        await using var first = new AppFactory();
        var response = await AppFactory.PostLoginAsync(first.CreateBrowserLikeClient(), AppFactory.AdminEmail, AppFactory.AdminPassword);
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues("Set-Cookie").ToList()).Single(c => c.Name == "CornerSpot.Auth");

        // Another machine: its own content root (the default application name) and no key files of the first.
        var otherRoot = Directory.CreateTempSubdirectory("cornerspot-node-");
        try
        {
            await using var second = new AppFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:CornerSpot"] = first.ConnectionString,
                ["contentRoot"] = otherRoot.FullName,
            });
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
