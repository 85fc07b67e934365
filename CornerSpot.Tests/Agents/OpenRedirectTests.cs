using System.Net;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Agents;

public sealed class OpenRedirectTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>ReturnUrl as it arrives decoded from the query string.</summary>
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData(" //evil.example")]
    public async Task After_sign_in_the_browser_stays_on_the_console(string returnUrl)
    {
        var response = await AppFactory.PostLoginAsync(_app.CreateBrowserLikeClient(), AppFactory.AdminEmail, AppFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        // What a browser does with a Location: drop tabs and newlines, read backslashes as slashes.
        var asBrowserReadsIt = new Uri(new Uri("http://localhost/"), location.Replace("\t", "").Replace("\r", "").Replace("\n", "").Replace('\\', '/'));
        Assert.Equal("localhost", asBrowserReadsIt.Host);
        Assert.DoesNotContain("evil.example", asBrowserReadsIt.Host);
    }
}
