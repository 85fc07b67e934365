using System.Net;
using CornerSpot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CornerSpot.Tests.Security;

/// <summary>The app as a Production install runs it: HTTPS only unless Security:AllowHttp says otherwise.</summary>
public sealed class TransportSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AppFactory HttpsOnly(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Security:AllowHttp"] = "false", ["https_port"] = "443" };
        foreach (var (key, value) in more) settings[key] = value;
        return new AppFactory(settings);
    }

    private static HttpClient Client(AppFactory app, string baseAddress) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true,
    });

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        await using var app = HttpsOnly();

        var response = await Client(app, "http://console.example").GetAsync("/account/login", Ct);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://console.example/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Over_https_hsts_is_sent_and_the_sign_in_and_antiforgery_cookies_are_secure()
    {
        await using var app = HttpsOnly();
        var client = Client(app, "https://console.example");

        var form = await client.GetAsync("/account/login", Ct);
        var signIn = await AppFactory.PostLoginAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.StartsWith("max-age=31536000", form.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CornerSpot.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_a_known_proxy_its_forwarded_https_counts_and_the_embed_snippet_shows_the_https_address()
    {
        await using var app = HttpsOnly(("ReverseProxy:KnownProxies:0", "10.0.0.5"));
        // The proxy speaks plain HTTP to the app; the browser's Secure cookies travel on that hop too.
        var proxy = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://console.example"), AllowAutoRedirect = false, HandleCookies = false,
        });
        proxy.DefaultRequestHeaders.Add(AppFactory.ClientAddressHeader, "10.0.0.5");
        proxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var form = await proxy.GetAsync("/account/login", Ct);
        var signIn = await proxy.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Headers = { { "Cookie", Cookies(form) } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync(Ct)), ["_handler"] = "login",
                ["Input.Email"] = AppFactory.AdminEmail, ["Input.Password"] = AppFactory.AdminPassword,
            }),
        }, Ct);
        var settings = await proxy.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/settings") { Headers = { { "Cookie", Cookies(signIn) } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.True(settings.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("&lt;script src=&quot;https://console.example/widget/cornerspot.js&quot;", await settings.Content.ReadAsStringAsync(Ct));
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    [Fact]
    public async Task The_same_headers_from_an_unknown_sender_are_ignored()
    {
        await using var app = HttpsOnly(("ReverseProxy:KnownProxies:0", "10.0.0.5"));
        var client = Client(app, "http://console.example");
        client.DefaultRequestHeaders.Add(AppFactory.ClientAddressHeader, "203.0.113.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        Assert.Equal(HttpStatusCode.PermanentRedirect, (await client.GetAsync("/account/login", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_Security_AllowHttp_plain_http_serves_the_console_for_local_use()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Security:AllowHttp"] = "true" });

        var response = await Client(app, "http://console.example").GetAsync("/account/login", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
