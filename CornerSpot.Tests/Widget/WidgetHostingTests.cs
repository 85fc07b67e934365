using System.Net;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Widget;

public sealed class WidgetHostingTests : AppTest
{

    [Fact]
    public async Task The_widget_script_is_served_as_javascript_and_cached_briefly()
    {
        var response = await Client.GetAsync("/widget/cornerspot.js", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Contains("attachShadow", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_widget_script_is_revalidated_by_its_etag_and_sent_compressed_to_browsers_that_accept_gzip()
    {
        var first = await Client.GetAsync("/widget/cornerspot.js", Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/widget/cornerspot.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var gzip = new HttpRequestMessage(HttpMethod.Get, "/widget/cornerspot.js");
        gzip.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");

        var revalidated = await Client.SendAsync(again, Ct);
        var compressed = await Client.SendAsync(gzip, Ct);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        await using var unzip = new System.IO.Compression.GZipStream(await compressed.Content.ReadAsStreamAsync(Ct),
            System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await new StreamReader(unzip).ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task The_demo_page_embeds_the_script_for_the_general_queue()
    {
        var response = await Client.GetAsync("/widget/demo", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("""<script src="/widget/cornerspot.js" data-queue="general" async></script>""", html);
        Assert.Contains("Northwind Coffee Roasters", html);
    }
}
