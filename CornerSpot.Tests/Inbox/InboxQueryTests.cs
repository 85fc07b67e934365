using System.Data.Common;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Inbox;

/// <remarks>On SQLite; <see cref="InboxQueryOnPostgresTests"/> runs the same tests on PostgreSQL.</remarks>
public class InboxQueryTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private DomainHarness _harness = null!;
    private Guid _ada, _grace, _alan;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await DomainHarness.CreateAsync(Provider);
        await _harness.QueueAsync("billing", "Billing");
        _ada = (await _harness.CallbackAsync(new CallbackSubmission
        {
            Name = "Ada Lovelace", Phone = "020 7946 0958", Country = "GB", Email = "ada@example.com",
            Note = "Question about my invoice", Queue = "billing",
        })).ConversationId;
        _grace = (await _harness.CallbackAsync(new CallbackSubmission
        {
            Name = "Grace Hopper", Phone = "+1 415 555 2671", Note = "Compiler licence renewal",
        })).ConversationId;
        _alan = await _harness.ChatAsync("Alan Turing", "+447700900123", "Is the enigma kit back in stock?", email: "alan@bletchley.example");
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private Task<InboxListing> List(InboxFilter filter) => _harness.Get<InboxQuery>().ListAsync(filter, Ct);

    /// <summary>A second set of services on this test's database, with one setting changed.</summary>
    private Task<DomainHarness> OnTheSameDatabaseAsync(string key, string value) =>
        DomainHarness.CreateAsync(Provider, services => services.AddSingleton<IConfiguration>(
            new ConfigurationBuilder().AddInMemoryCollection(_harness.Database.Settings)
                .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build()), _harness.Database);

    private async Task<Guid[]> Search(string text) => [.. (await List(new InboxFilter(Search: text))).Rows.Select(r => r.Id)];

    [Fact]
    public async Task Lists_newest_activity_first_with_queue_status_and_callback()
    {
        var page = await List(new InboxFilter());

        Assert.Equal([_alan, _grace, _ada], page.Rows.Select(r => r.Id));
        var ada = page.Rows[2];
        Assert.Equal("Ada Lovelace", ada.CustomerName);
        Assert.Equal("Billing", ada.QueueName);
        Assert.Equal(ConversationStatus.Pending, ada.Status);
        Assert.Equal(CallbackStatus.Pending, ada.Callback);
        Assert.Equal(DomainHarness.Start.UtcDateTime, ada.CallbackRequestedAt);
        Assert.Null(page.Rows[0].Callback);
        Assert.Equal(3, page.Total);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("LOVELACE")]
    [InlineData("ada@example")]
    [InlineData("about my invoice")]
    [InlineData("my invo")]
    [InlineData("Lovelace ")]
    public async Task Search_matches_name_email_note_and_message_text(string text)
    {
        Assert.Equal([_ada], await Search(text));
    }

    [Fact]
    public async Task Search_matches_message_text_of_a_live_chat()
    {
        Assert.Equal([_alan], await Search("enigma kit"));
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("020 7946 0958")]
    [InlineData("(020) 7946-0958")]
    [InlineData("07946 0958")]
    [InlineData("442079460958")]
    [InlineData("+442079460958")]
    [InlineData("7946")]
    public async Task Search_matches_a_phone_number_typed_in_any_format(string typed)
    {
        Assert.Equal([_ada], await Search(typed));
    }

    [Theory]
    [InlineData("07700 900123")]
    [InlineData("+44 7700 900123")]
    public async Task Search_matches_a_national_number_with_its_trunk_zero(string typed)
    {
        Assert.Equal([_alan], await Search(typed));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("zebra")]
    [InlineData("0000")]
    public async Task Search_that_matches_nothing_returns_no_rows_and_says_the_inbox_is_not_empty(string text)
    {
        var page = await List(new InboxFilter(Search: text));

        Assert.Empty(page.Rows);
        Assert.False(page.InboxIsEmpty);
    }

    [Fact]
    public async Task Search_follows_a_customer_whose_email_changed()
    {
        await using (var db = _harness.Db())
            await db.Customers.Where(c => c.PhoneE164 == "+442079460958")
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Email, "countess@analytical.example"), Ct);

        await using var check = _harness.Db();
        var adas = await check.Conversations.Where(c => c.Customer!.PhoneE164 == "+442079460958").Select(c => c.Id).ToListAsync(Ct);
        Assert.Empty(await Search("ada@example"));
        Assert.Equal(adas.Order(), (await Search("analytical.example")).Order());
    }

    [Fact]
    public async Task Search_still_finds_a_customer_removed_and_added_back_only_once()
    {
        await using (var db = _harness.Db())
        {
            var ada = await db.Customers.SingleAsync(c => c.Name == "Ada Lovelace", Ct);
            var copy = new Customer
            {
                Id = Guid.CreateVersion7(), Name = "Ada King", PhoneE164 = "+442079460959", FirstSeenAt = ada.FirstSeenAt, LastSeenAt = ada.LastSeenAt,
            };
            db.Customers.Add(copy);
            await db.SaveChangesAsync(Ct);
            db.Customers.Remove(copy);
            await db.SaveChangesAsync(Ct);
        }

        // The deleted customer's row left the index with it: no stale match, no error on the next search.
        Assert.Equal([_ada], await Search("Lovelace"));
        Assert.Empty(await Search("Ada King"));
    }

    [Fact]
    public async Task Terms_shorter_than_the_index_allows_are_still_found()
    {
        Assert.Equal([_alan], await Search("Tu"));
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("Lovelace")]
    [InlineData("7946 0958")]
    [InlineData("+1 415 555 2671")]
    [InlineData("licence")]
    [InlineData("enigma kit")]
    [InlineData("zebra")]
    public async Task Without_the_search_index_the_same_conversations_are_found(string text)
    {
        await using var scanning = await OnTheSameDatabaseAsync("Inbox:SearchIndex", "false");

        var scanned = await scanning.Get<InboxQuery>().ListAsync(new InboxFilter(Search: text), Ct);

        Assert.Equal(await Search(text), scanned.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_search_matching_more_than_it_follows_shows_the_most_recent_and_says_there_are_more()
    {
        for (var i = 0; i < 4; i++)
            await _harness.ChatAsync($"Hedy Lamarr {i}", $"+4477009003{i:00}", "Question about frequency hopping");
        await using var limited = await OnTheSameDatabaseAsync("Inbox:SearchMatchLimit", "2");
        var inbox = limited.Get<InboxQuery>();

        var many = await inbox.ListAsync(new InboxFilter(Search: "Lamarr"), Ct);
        var few = await inbox.ListAsync(new InboxFilter(Search: "Lovelace"), Ct);

        Assert.True(many.MoreMatches);
        Assert.Equal(["Hedy Lamarr 3", "Hedy Lamarr 2"], many.Rows.Select(r => r.CustomerName));
        Assert.False(few.MoreMatches);
        Assert.Equal([_ada], few.Rows.Select(r => r.Id));
        Assert.False((await List(new InboxFilter(Search: "Lamarr"))).MoreMatches);
    }

    // With a limit of 1, PostgreSQL tests a phrase against the newest 100 messages before it asks the index: a phrase
    // only in older messages, one in the newest, and one in both show their newest match and say there are more
    // (SQLite's FTS5 reads newest first anyway).
    [Fact]
    public async Task A_phrase_shows_its_newest_match_whether_it_is_in_recent_messages_or_only_older_ones()
    {
        await _harness.ChatAsync("Nina Simone", "+447700900401", "I was charged twice for one order");
        await _harness.ChatAsync("Aretha Franklin", "+447700900406", "A refund please");
        var older = await _harness.ChatAsync("Etta James", "+447700900402", "Charged twice again this month");
        var busy = await _harness.ChatAsync("Billie Holiday", "+447700900403", "Hello there");
        await using (var db = _harness.Db())
        {
            var at = DomainHarness.Start.UtcDateTime;
            db.Messages.AddRange(Enumerable.Range(0, 120).Select(i => new Message
            {
                Id = Guid.CreateVersion7(), ConversationId = busy, Author = MessageAuthor.Visitor, AuthorName = "Billie Holiday",
                Body = $"Follow-up number {i}", SentAt = at.AddSeconds(i),
            }));
            await db.SaveChangesAsync(Ct);
        }
        await _harness.ChatAsync("Ella Fitzgerald", "+447700900404", "My parcel is late");
        var recent = await _harness.ChatAsync("Sarah Vaughan", "+447700900405", "The parcel is late again");
        var refund = await _harness.ChatAsync("Dinah Washington", "+447700900407", "Refund please, it broke");
        await using var limited = await OnTheSameDatabaseAsync("Inbox:SearchMatchLimit", "1");
        var inbox = limited.Get<InboxQuery>();

        var charged = await inbox.ListAsync(new InboxFilter(Search: "charged twice"), Ct);
        var parcel = await inbox.ListAsync(new InboxFilter(Search: "parcel is late"), Ct);
        var refunds = await inbox.ListAsync(new InboxFilter(Search: "refund please"), Ct);

        Assert.Equal((older, true), (Assert.Single(charged.Rows).Id, charged.MoreMatches));
        Assert.Equal((recent, true), (Assert.Single(parcel.Rows).Id, parcel.MoreMatches));
        Assert.Equal((refund, true), (Assert.Single(refunds.Rows).Id, refunds.MoreMatches));
    }

    [Fact]
    public async Task Past_the_count_limit_the_total_is_the_limit_and_says_there_are_more()
    {
        await using var limited = await OnTheSameDatabaseAsync("Inbox:CountLimit", "2");
        var inbox = limited.Get<InboxQuery>();

        var first = await inbox.ListAsync(new InboxFilter(PageSize: 1), Ct);
        var pending = await inbox.ListAsync(new InboxFilter(Status: InboxStatusFilter.Pending, PageSize: 1), Ct);

        Assert.Equal((2, true, true), (first.Total, first.MoreThanCounted, first.TotalIsAtLeast));
        Assert.Equal(3, first.PageCount);
        Assert.False(first.MoreMatches);
        Assert.Equal([_alan], first.Rows.Select(r => r.Id));
        Assert.Equal((2, false), (pending.Total, pending.MoreThanCounted));
        Assert.Equal(2, pending.PageCount);
    }

    [Fact]
    public async Task A_page_past_the_count_limit_is_counted_to_its_end()
    {
        await using var limited = await OnTheSameDatabaseAsync("Inbox:CountLimit", "1");
        var inbox = limited.Get<InboxQuery>();

        var second = await inbox.ListAsync(new InboxFilter(Page: 2, PageSize: 1), Ct);
        var last = await inbox.ListAsync(new InboxFilter(Page: 3, PageSize: 1), Ct);

        Assert.Equal((2, true, 3), (second.Total, second.MoreThanCounted, second.PageCount));
        Assert.Equal([_grace], second.Rows.Select(r => r.Id));
        Assert.Equal((3, false, 3), (last.Total, last.MoreThanCounted, last.PageCount));
        Assert.Equal([_ada], last.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_count_limit_does_not_cap_the_pending_callback_count()
    {
        await using var limited = await OnTheSameDatabaseAsync("Inbox:CountLimit", "1");

        Assert.Equal(2, await limited.Get<PendingCallbackCount>().GetAsync(Ct));
    }

    [Fact]
    public async Task An_empty_database_says_the_inbox_is_empty()
    {
        await using var empty = await DomainHarness.CreateAsync(Provider);

        var page = await empty.Get<InboxQuery>().ListAsync(new InboxFilter(), Ct);

        Assert.Empty(page.Rows);
        Assert.True(page.InboxIsEmpty);
    }

    [Theory]
    [InlineData(InboxStatusFilter.Pending, 2)]
    [InlineData(InboxStatusFilter.Open, 1)]
    [InlineData(InboxStatusFilter.Resolved, 0)]
    [InlineData(InboxStatusFilter.All, 3)]
    public async Task Status_filter_narrows_by_conversation_status(InboxStatusFilter status, int expected)
    {
        var page = await List(new InboxFilter(Status: status));

        Assert.Equal(expected, page.Total);
        Assert.All(page.Rows, r => Assert.True(status == InboxStatusFilter.All || r.Status.ToString() == status.ToString()));
    }

    [Fact]
    public async Task Queue_filter_narrows_by_queue_slug()
    {
        Assert.Equal([_ada], (await List(new InboxFilter(Queue: "billing"))).Rows.Select(r => r.Id));
        Assert.Equal([_alan, _grace], (await List(new InboxFilter(Queue: "general"))).Rows.Select(r => r.Id));
        Assert.Empty((await List(new InboxFilter(Queue: "no-such-queue"))).Rows);
    }

    [Fact]
    public async Task Search_and_filters_combine()
    {
        Assert.Equal([_grace], (await List(new InboxFilter(Search: "licence", Queue: "general", Status: InboxStatusFilter.Pending))).Rows.Select(r => r.Id));
        Assert.Empty((await List(new InboxFilter(Search: "licence", Status: InboxStatusFilter.Open))).Rows);
    }

    [Fact]
    public async Task Pages_follow_each_other_newest_first_without_overlap()
    {
        for (var i = 0; i < 7; i++)
            await _harness.ChatAsync($"Visitor {i}", $"+4477009002{i:00}", $"Message {i}");
        var all = (await List(new InboxFilter(PageSize: 100))).Rows.Select(r => r.Id).ToList();

        var pages = new List<Guid>();
        for (var p = 1; p <= 3; p++)
        {
            var page = await List(new InboxFilter(Page: p, PageSize: 4));
            Assert.Equal(10, page.Total);
            Assert.Equal(3, page.PageCount);
            pages.AddRange(page.Rows.Select(r => r.Id));
        }

        Assert.Equal(all, pages);
        var times = (await List(new InboxFilter(PageSize: 100))).Rows.Select(r => r.LastActivityAt).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task The_pending_count_is_read_once_for_every_console_until_something_changes()
    {
        var counts = new PendingCountQueries();
        await using var harness = await DomainHarness.CreateAsync(Provider, services => services.AddSingleton<IInterceptor>(counts));
        var pending = harness.Get<PendingCallbackCount>();
        await harness.CallbackAsync(new CallbackSubmission { Name = "Ada Lovelace", Phone = "+442079460958" });

        // Twenty consoles refreshing after one arrival.
        for (var i = 0; i < 20; i++) Assert.Equal(1, await pending.GetAsync(Ct));
        Assert.Equal(1, counts.Count);

        // A new arrival is counted at once, by one more read.
        await harness.CallbackAsync(new CallbackSubmission { Name = "Grace Hopper", Phone = "+14155552671" });
        for (var i = 0; i < 20; i++) Assert.Equal(2, await pending.GetAsync(Ct));
        Assert.Equal(2, counts.Count);

        // Without events, the number is read again after a few seconds (writes that publish nothing).
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await pending.GetAsync(Ct));
        Assert.Equal(3, counts.Count);
    }

    [Fact]
    public async Task Pending_callback_count_counts_pending_requests_only()
    {
        Assert.Equal(2, await _harness.Get<PendingCallbackCount>().GetAsync(Ct));
    }
}

/// <summary>Counts the pending-callback COUNT queries sent to the database.</summary>
internal sealed class PendingCountQueries : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        if (command.CommandText.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("\"CallbackRequests\"", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
