using System.Net;
using CornerSpot.Tests.Support;

namespace CornerSpot.Tests.Inbox;

/// <summary>Every query string a browser can send to the inbox gets the inbox, never an error page.</summary>
public sealed class InboxUrlTests : AppTest
{
    public static TheoryData<string> HostileQueries =>
    [
        "?q=%00%00%00",
        "?q=%00",
        "?q=ada%00lovelace",
        "?q=%01%02%1F%7F",
        "?q=%22",
        "?q=%22%22%22*",
        "?q=NEAR(a%20b)",
        "?q=" + new string('a', 5000),
        "?q=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80",
        "?q=%ED%A0%80abc",
        "?q=%25%25%25",
        "?q=\\",
        "?page=abc",
        "?page=9999999999",
        "?page=-1",
        "?page=0",
        "?page=1.5",
        "?page=%00",
        "?page=1&page=2",
        "?status=%00",
        "?status=99",
        "?status=pending&status=resolved",
        "?queue=%00",
        "?queue=" + new string('q', 3000),
        "?queue=..%2F..%2Fetc",
        "?q=invoice&queue=nope&status=open&page=7",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task The_inbox_answers_any_query_string_with_a_page(string query)
    {
        var client = await App.SignedInClientAsync();

        using var response = await client.GetAsync("/dashboard/chat/inbox" + query, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Live Chat Inbox", await response.Content.ReadAsStringAsync(Ct));
    }
}
