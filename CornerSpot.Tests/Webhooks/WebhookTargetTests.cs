using System.Net;
using CornerSpot.Domain.Webhooks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Webhooks;

/// <summary>Server-side request forgery: where a webhook may not go.</summary>
public sealed class WebhookTargetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://127.8.9.10:8080/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("http://172.20.0.5/hooks")]
    [InlineData("http://192.168.1.10/hooks")]
    [InlineData("http://100.64.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("http://224.0.0.1/hooks")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://[::]/hooks")]
    [InlineData("http://[fe80::1]/hooks")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://[fc00::5]/hooks")]
    [InlineData("http://[ff02::1]/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks")]
    [InlineData("http://[::ffff:169.254.169.254]/hooks")]
    [InlineData("http://localhost:5000/hooks")]
    [InlineData("http://crm.localhost/hooks")]
    public void Saving_a_target_on_this_machine_or_a_private_network_is_refused_with_a_reason(string url)
    {
        Assert.Equal("That address is on this machine or a private network. Webhooks go to public addresses only.",
            WebhookTargets.Problem(url, allowPrivate: false));
    }

    [Theory]
    [InlineData("ftp://crm.example.com/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("crm.example.com/hooks")]
    public void Saving_anything_but_an_http_url_is_refused(string url)
    {
        Assert.Equal("Enter an absolute http:// or https:// URL.", WebhookTargets.Problem(url, allowPrivate: false));
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks/cornerspot")]
    [InlineData("http://93.184.216.34/hooks")]
    [InlineData("https://[2606:4700:4700::1111]/hooks")]
    public void A_public_target_is_accepted(string url)
    {
        Assert.Null(WebhookTargets.Problem(url, allowPrivate: false));
    }

    [Fact]
    public void A_private_target_is_accepted_when_private_targets_are_allowed()
    {
        Assert.Null(WebhookTargets.Problem("http://localhost:8000/hooks", allowPrivate: true));
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_when_connecting_and_nothing_reaches_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new AppFactory();
        var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.ClientName);

        // "localhost" passes no literal-address check: only the address it resolves to gives it away.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://localhost:{receiver.BaseAddress.Port}/hooks", new StringContent("{}"), Ct));

        Assert.StartsWith("Refused", refused.Message);
        Assert.Equal(0, receiver.Count);
    }

    [Fact]
    public async Task A_stored_endpoint_that_points_at_loopback_is_logged_as_refused_and_not_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new AppFactory();
        var secret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(WebhookSecret.ProtectorPurpose)
            .Protect(WebhookSecret.Generate());
        var claim = new WebhookClaim(Guid.NewGuid(), "msg_test", Guid.NewGuid(), receiver.Url(), secret, "{}", DateTime.UnixEpoch, 1, "node-1");

        var result = await app.Services.GetRequiredService<WebhookSender>().SendAsync(claim, Ct);

        Assert.Null(result.StatusCode);
        Assert.StartsWith("Refused", result.Error);
        Assert.Equal(0, receiver.Count);
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("2606:4700:4700::1111", false)]
    [InlineData("198.18.0.1", true)]
    [InlineData("64:ff9b::7f00:1", true)]
    [InlineData("2002:a00:1::1", true)]
    public void Addresses_hidden_in_other_forms_are_judged_by_the_address_inside(string address, bool forbidden)
    {
        Assert.Equal(forbidden, WebhookTargets.IsForbidden(IPAddress.Parse(address)));
    }
}
