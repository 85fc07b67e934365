using System.Net;
using System.Text;
using CornerSpot.Domain.Agents;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Tests.Support;
using CornerSpot.Web.Team;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Team;

public sealed class CallbackExportEndpointTests : AppTest
{
    private static readonly DateOnly Day = DateOnly.FromDateTime(DomainHarness.Start.UtcDateTime);

    private async Task SubmitAsync(string name, string phone, string? note = null)
    {
        var result = await App.Services.GetRequiredService<CallbackIntake>().SubmitAsync(
            new CallbackSubmission { Name = name, Phone = phone, Note = note }, null, Ct);
        Assert.IsType<IntakeResult.Accepted>(result);
    }

    private async Task<HttpResponseMessage> ExportAsLeadAsync(string url)
    {
        await App.CreateAgentAsync("lead@test.local", "Lead-Password-1", Roles.Lead);
        var client = await App.SignedInClientAsync("lead@test.local", "Lead-Password-1");
        return await client.GetAsync(url, Ct);
    }

    [Fact]
    public async Task A_lead_downloads_the_days_callbacks_as_an_attachment_in_utf8_with_a_bom()
    {
        await SubmitAsync("Zoë Ångström", "+44 20 7946 0001", "Call after lunch");

        var response = await ExportAsLeadAsync(TeamExportEndpoints.Uri(Day, Day, null));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id,Queue,Name,Phone,", lines[0]);
        Assert.Contains(",Zoë Ångström,", lines[1]);
        Assert.Contains(",Pending,,0,", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task A_cell_beginning_with_an_equals_sign_is_neutralised()
    {
        await SubmitAsync("=HYPERLINK(\"http://evil.example\")", "+44 20 7946 0001", "@SUM(A1)");

        var response = await ExportAsLeadAsync(TeamExportEndpoints.Uri(Day, Day, null));
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("'=HYPERLINK(", text);
        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.DoesNotContain(",\"=HYPERLINK", text);
        Assert.Contains("'@SUM(A1)", text);
    }

    [Fact]
    public async Task Only_the_chosen_days_and_queue_are_exported()
    {
        await SubmitAsync("Today", "+44 20 7946 0001");
        App.Clock.Advance(TimeSpan.FromDays(1));
        await SubmitAsync("Tomorrow", "+44 20 7946 0002");

        var text = await (await ExportAsLeadAsync(TeamExportEndpoints.Uri(Day, Day, "general"))).Content.ReadAsStringAsync(Ct);

        Assert.Contains(",Today,", text);
        Assert.DoesNotContain(",Tomorrow,", text);
    }

    [Fact]
    public async Task An_agent_who_is_not_a_lead_is_refused()
    {
        await App.CreateAgentAsync("agent@test.local", "Agent-Password-1", Roles.Agent);
        var client = await App.SignedInClientAsync("agent@test.local", "Agent-Password-1");

        var response = await client.GetAsync(TeamExportEndpoints.Uri(Day, Day, null), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", AppFactory.RedirectPath(response));
    }

    [Theory]
    [InlineData("/dashboard/team/export.csv?from=2026-11-25")]
    [InlineData("/dashboard/team/export.csv?from=25/11/2026&to=2026-11-25")]
    [InlineData("/dashboard/team/export.csv?from=2026-11-25&to=2026-11-24")]
    [InlineData("/dashboard/team/export.csv?from=2026-11-25&to=2026-11-25&queue=nope")]
    public async Task A_bad_range_or_queue_is_a_validation_problem(string url)
    {
        var response = await ExportAsLeadAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
