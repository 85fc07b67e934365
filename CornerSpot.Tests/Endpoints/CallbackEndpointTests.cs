using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Endpoints;

public sealed class CallbackEndpointTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpClient _client = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Valid_submission_answers_201_and_stores_customer_conversation_and_pending_callback()
    {
        var response = await _client.PostAsJsonAsync("/api/widget/callbacks", new
        {
            name = "Ada Lovelace", phone = "020 7946 0958", country = "GB", note = "Question about my invoice",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        await using var db = _app.Db();
        var callback = await db.CallbackRequests.Include(c => c.Conversation).SingleAsync(Ct);
        Assert.Equal(body.GetProperty("id").GetGuid(), callback.Id);
        Assert.Equal("+442079460958", callback.PhoneE164);
        Assert.Equal("Ada Lovelace", (await db.Customers.SingleAsync(Ct)).Name);
    }
}
