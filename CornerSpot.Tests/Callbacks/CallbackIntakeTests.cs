using System.Data.Common;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Inbox;
using CornerSpot.Domain.Live;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Queues;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CornerSpot.Tests.Callbacks;

/// <remarks>On SQLite; <see cref="CallbackIntakeOnPostgresTests"/> runs the same tests on PostgreSQL.</remarks>
public class CallbackIntakeTests : IAsyncLifetime
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private DomainHarness _harness = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _harness = await DomainHarness.CreateAsync(Provider);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private Task<IntakeResult> SubmitAsync(CallbackSubmission submission, string? key = null) =>
        _harness.Get<CallbackIntake>().SubmitAsync(submission, key, Ct);

    private Task ResolveAsync(Guid callbackId) =>
        _harness.Get<CallbackWork>().ResolveAsync(callbackId, new CallingAgent("agent-1", "Grace"), Ct);

    private static CallbackReceipt Receipt(IntakeResult result) =>
        Assert.IsType<IntakeResult.Accepted>(result).Receipt;

    [Fact]
    public async Task Accepted_submission_is_a_pending_callback_on_a_pending_conversation_in_the_default_queue()
    {
        var receipt = Receipt(await SubmitAsync(Submissions.Minimal));

        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.Include(c => c.Conversation).SingleAsync(Ct);
        Assert.Equal(receipt.Id, callback.Id);
        Assert.Equal(CallbackStatus.Pending, callback.Status);
        Assert.Equal(DomainHarness.Start.UtcDateTime, callback.RequestedAt);
        Assert.Equal(ConversationStatus.Pending, callback.Conversation!.Status);
        Assert.Equal(receipt.ConversationId, callback.ConversationId);
        Assert.Equal(Queue.DefaultSlug, (await db.Queues.SingleAsync(q => q.Id == callback.Conversation.QueueId, Ct)).Slug);
    }

    [Fact]
    public async Task Phone_is_stored_in_E164_beside_what_the_visitor_typed()
    {
        await SubmitAsync(Submissions.Minimal with { Phone = " 020 7946 0958 " });

        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal("+442079460958", callback.PhoneE164);
        Assert.Equal("020 7946 0958", callback.PhoneAsTyped);
        Assert.Equal("+442079460958", (await db.Customers.SingleAsync(Ct)).PhoneE164);
    }

    [Fact]
    public async Task Preferred_window_is_stored_in_UTC_with_the_visitors_time_zone()
    {
        var window = new TimeWindow
        {
            Start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(-5)),
            End = new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.FromHours(-5)),
        };

        await SubmitAsync(Submissions.Minimal with { PreferredWindow = window, TimeZone = "America/New_York" });

        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(new DateTime(2026, 11, 26, 14, 0, 0, DateTimeKind.Utc), callback.PreferredStartUtc);
        Assert.Equal(DateTimeKind.Utc, callback.PreferredStartUtc!.Value.Kind);
        Assert.Equal(new DateTime(2026, 11, 26, 16, 0, 0, DateTimeKind.Utc), callback.PreferredEndUtc);
        Assert.Equal("America/New_York", callback.VisitorTimeZone);
    }

    [Fact]
    public async Task Name_and_note_are_stored_trimmed()
    {
        await SubmitAsync(Submissions.Minimal with { Name = "  Ada Lovelace  ", Note = "\n  Question about my invoice  \n" });

        await using var db = _harness.Db();
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal("Ada Lovelace", callback.Name);
        Assert.Equal("Question about my invoice", callback.Note);
        Assert.Equal("Ada Lovelace", (await db.Customers.SingleAsync(Ct)).Name);
    }

    [Fact]
    public async Task Visitor_message_says_they_reached_out_while_offline_and_want_a_call_back_then_gives_the_note()
    {
        await SubmitAsync(Submissions.Minimal with { Note = "Question about my invoice" });

        await using var db = _harness.Db();
        var message = await db.Messages.SingleAsync(Ct);
        Assert.Equal(MessageAuthor.Visitor, message.Author);
        Assert.Equal("Ada Lovelace", message.AuthorName);
        Assert.Equal(
            "Hi, I reached out while your team was offline and would like a call back.\n\nQuestion about my invoice",
            message.Body);
        Assert.StartsWith("Hi, I reached out while your team was offline", (await db.Conversations.SingleAsync(Ct)).Preview);
    }

    [Fact]
    public async Task Without_a_note_the_visitor_message_is_only_the_call_back_request()
    {
        await SubmitAsync(Submissions.Minimal with { Note = "   " });

        await using var db = _harness.Db();
        Assert.Equal("Hi, I reached out while your team was offline and would like a call back.", (await db.Messages.SingleAsync(Ct)).Body);
        Assert.Null((await db.CallbackRequests.SingleAsync(Ct)).Note);
    }

    [Fact]
    public async Task Same_number_typed_differently_reuses_the_customer()
    {
        var first = Receipt(await SubmitAsync(Submissions.Minimal with { Phone = "020 7946 0958", Country = "GB" }));
        await ResolveAsync(first.Id);

        var second = Receipt(await SubmitAsync(Submissions.Minimal with { Phone = "+44 (20) 7946-0958", Country = null }));

        await using var db = _harness.Db();
        var customer = await db.Customers.SingleAsync(Ct);
        var customerIds = await db.Conversations.Select(c => c.CustomerId).ToListAsync(Ct);
        Assert.Equal([customer.Id, customer.Id], customerIds);
        Assert.NotEqual(first.ConversationId, second.ConversationId);
        Assert.Equal(2, await db.CallbackRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task A_request_naming_a_known_number_cannot_rewrite_that_customer()
    {
        var ada = Receipt(await SubmitAsync(Submissions.Minimal with { Name = "Ada Lovelace", Email = "ada@example.com", PageUrl = "https://shop.example.com/pricing" }));
        await ResolveAsync(ada.Id);
        _harness.Clock.Advance(TimeSpan.FromDays(3));

        await SubmitAsync(Submissions.Minimal with { Name = "Mallory", Email = "m@evil.example", PageUrl = "https://evil.example/", Phone = "+442079460958" });

        await using var db = _harness.Db();
        var customer = await db.Customers.SingleAsync(Ct);
        Assert.Equal("Ada Lovelace", customer.Name);
        Assert.Equal("ada@example.com", customer.Email);
        Assert.Equal("https://shop.example.com/pricing", customer.LastPageUrl);
        Assert.Equal(DomainHarness.Start.UtcDateTime, customer.FirstSeenAt);
        Assert.Equal(DomainHarness.Start.UtcDateTime.AddDays(3), customer.LastSeenAt);
        // What Mallory typed belongs to Mallory's request.
        var mallorys = await db.CallbackRequests.OrderByDescending(c => c.RequestedAt).FirstAsync(Ct);
        Assert.Equal(("Mallory", "m@evil.example", "https://evil.example/"), (mallorys.Name, mallorys.Email, mallorys.PageUrl));
    }

    [Fact]
    public async Task A_returning_customer_s_empty_details_are_filled_from_a_new_request()
    {
        await SubmitAsync(Submissions.Minimal with { Email = null, TimeZone = null });

        await SubmitAsync(Submissions.Minimal with { Email = "ada@example.com", TimeZone = "Europe/London" });

        await using var db = _harness.Db();
        var customer = await db.Customers.SingleAsync(Ct);
        Assert.Equal(("ada@example.com", "Europe/London"), (customer.Email, customer.TimeZone));
    }

    [Fact]
    public async Task A_key_whose_request_was_deleted_is_stored_as_a_new_request()
    {
        var first = Receipt(await SubmitAsync(Submissions.Minimal, "key-gone"));
        await using (var db = _harness.Db())
            await db.Conversations.Where(c => c.Id == first.ConversationId).ExecuteDeleteAsync(Ct);

        var again = Assert.IsType<IntakeResult.Accepted>(await SubmitAsync(Submissions.Minimal, "key-gone"));

        Assert.False(again.Replayed);
        Assert.NotEqual(first.Id, again.Receipt.Id);
        await using var check = _harness.Db();
        Assert.Equal(again.Receipt.Id, (await check.IdempotencyRecords.SingleAsync(r => r.Key == "key-gone", Ct)).CallbackRequestId);
        Assert.Equal(1, await check.CallbackRequests.CountAsync(Ct));
    }

    [Fact]
    public async Task Idempotency_keys_older_than_the_retention_are_forgotten()
    {
        await SubmitAsync(Submissions.Minimal, "key-old");
        _harness.Clock.Advance(TimeSpan.FromHours(49));
        await SubmitAsync(Submissions.Minimal with { Name = "Grace Hopper", Phone = "+14155552671" }, "key-new");

        var forgotten = await _harness.Get<CallbackWriter>().ForgetKeysStoredBeforeAsync(_harness.Clock.GetUtcNow().UtcDateTime.AddHours(-48), Ct);

        Assert.Equal(1, forgotten);
        await using var db = _harness.Db();
        Assert.Equal(["key-new"], await db.IdempotencyRecords.Select(r => r.Key).ToListAsync(Ct));
    }

    [Fact]
    public async Task Returning_customer_without_an_email_keeps_the_known_one()
    {
        await SubmitAsync(Submissions.Minimal with { Email = "ada@example.com" });

        await SubmitAsync(Submissions.Minimal with { Email = null });

        await using var db = _harness.Db();
        Assert.Equal("ada@example.com", (await db.Customers.SingleAsync(Ct)).Email);
    }

    [Fact]
    public async Task A_failure_partway_through_saving_leaves_no_partial_rows()
    {
        await using var harness = await DomainHarness.CreateAsync(Provider, FailOnInsertInto("CallbackRequests"));

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            harness.Get<CallbackIntake>().SubmitAsync(Submissions.Complete, "key-1", Ct));

        Assert.Equal(RowCounts.None, await RowCounts.ReadAsync(harness.Db(), Ct));
    }

    [Fact]
    public async Task A_failure_at_commit_leaves_no_rows()
    {
        var failingCommit = new FailingCommit();
        await using var harness = await DomainHarness.CreateAsync(Provider, s => s.AddSingleton<IInterceptor>(failingCommit));
        failingCommit.Armed = true;

        await Assert.ThrowsAsync<SimulatedDbFailure>(() =>
            harness.Get<CallbackIntake>().SubmitAsync(Submissions.Complete, "key-1", Ct));

        Assert.Equal(RowCounts.None, await RowCounts.ReadAsync(harness.Db(), Ct));
    }

    [Fact]
    public async Task A_failed_save_publishes_nothing()
    {
        await using var harness = await DomainHarness.CreateAsync(Provider, FailOnInsertInto("CallbackRequests"));
        var published = new List<InboxEvent>();
        using var _ = harness.Get<IInboxEvents>().Subscribe(e => { published.Add(e); return Task.CompletedTask; });

        await Assert.ThrowsAsync<DbUpdateException>(() => harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, null, Ct));

        Assert.Empty(published);
    }

    [Fact]
    public async Task Callback_requested_is_published_only_after_the_rows_are_committed()
    {
        var seenByAnotherContext = new TaskCompletionSource<(CallbackRequested Event, bool CallbackCommitted, bool ConversationCommitted)>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var dbFactory = _harness.Get<IDbContextFactory<CornerSpotDb>>();
        using var _ = _harness.Get<IInboxEvents>().Subscribe(async e =>
        {
            var requested = (CallbackRequested)e;
            await using var db = await dbFactory.CreateDbContextAsync(Ct);
            seenByAnotherContext.SetResult((
                requested,
                await db.CallbackRequests.AnyAsync(c => c.Id == requested.CallbackId, Ct),
                await db.Conversations.AnyAsync(c => c.Id == requested.ConversationId, Ct)));
        });

        var receipt = Receipt(await SubmitAsync(Submissions.Minimal));

        var (published, callbackCommitted, conversationCommitted) = await seenByAnotherContext.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(receipt.Id, published.CallbackId);
        Assert.Equal(receipt.ConversationId, published.ConversationId);
        Assert.Equal("Ada Lovelace", published.Name);
        Assert.True(callbackCommitted, "the subscriber's own context did not find the callback");
        Assert.True(conversationCommitted, "the subscriber's own context did not find the conversation");
    }

    [Fact]
    public async Task Invalid_submission_stores_nothing_and_publishes_nothing()
    {
        var published = 0;
        using var _ = _harness.Get<IInboxEvents>().Subscribe(_ => { published++; return Task.CompletedTask; });

        var result = await SubmitAsync(Submissions.Minimal with { Phone = "not a phone" });

        Assert.Contains("phone", Assert.IsType<IntakeResult.Invalid>(result).Errors.Keys);
        Assert.Equal(RowCounts.None, await RowCounts.ReadAsync(_harness.Db(), Ct));
        Assert.Equal(0, published);
    }

    [Fact]
    public async Task Queue_with_the_callback_form_turned_off_refuses_and_stores_nothing()
    {
        await using (var db = _harness.Db())
        {
            await db.Queues.Where(q => q.Slug == Queue.DefaultSlug).ExecuteUpdateAsync(u => u.SetProperty(q => q.CallbackEnabled, false), Ct);
        }
        _harness.Get<IInboxEvents>().Publish(new QueuesChanged()); // as the admin page does

        var result = await SubmitAsync(Submissions.Minimal);

        Assert.Equal("General", Assert.IsType<IntakeResult.CallbacksDisabled>(result).QueueName);
        Assert.Equal(RowCounts.None, await RowCounts.ReadAsync(_harness.Db(), Ct));
    }

    [Fact]
    public async Task Submission_naming_a_queue_lands_in_that_queue()
    {
        var support = new Queue { Id = Guid.CreateVersion7(), Name = "Support", Slug = "support", CreatedAt = DomainHarness.Start.UtcDateTime };
        await using (var db = _harness.Db())
        {
            db.Queues.Add(support);
            await db.SaveChangesAsync(Ct);
        }

        var receipt = Receipt(await SubmitAsync(Submissions.Minimal with { Queue = "support" }));

        await using var check = _harness.Db();
        Assert.Equal(support.Id, (await check.Conversations.SingleAsync(c => c.Id == receipt.ConversationId, Ct)).QueueId);
    }

    [Fact]
    public async Task Replaying_a_key_returns_the_first_receipt_and_stores_nothing_new()
    {
        var first = Receipt(await SubmitAsync(Submissions.Minimal, "key-1"));
        var before = await RowCounts.ReadAsync(_harness.Db(), Ct);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = Assert.IsType<IntakeResult.Accepted>(await SubmitAsync(Submissions.Minimal, "key-1"));

        Assert.True(again.Replayed);
        Assert.Equal(first, again.Receipt);
        Assert.Equal(before, await RowCounts.ReadAsync(_harness.Db(), Ct));
    }

    [Fact]
    public async Task A_retry_after_the_preferred_window_ended_still_gets_the_first_answer()
    {
        var start = DomainHarness.Start.AddMinutes(10);
        var submission = Submissions.Minimal with { PreferredWindow = new TimeWindow { Start = start, End = start.AddHours(1) } };
        var first = Receipt(await SubmitAsync(submission, "key-w"));
        _harness.Clock.Advance(TimeSpan.FromHours(3));

        var again = Assert.IsType<IntakeResult.Accepted>(await SubmitAsync(submission, "key-w"));

        Assert.Equal(first, again.Receipt);
    }

    [Fact]
    public async Task A_replay_repeats_the_first_answer_even_after_the_callback_was_resolved()
    {
        var first = Receipt(await SubmitAsync(Submissions.Minimal, "key-r"));
        await using (var db = _harness.Db())
            await db.CallbackRequests.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CallbackStatus.Resolved), Ct);

        var again = Receipt(await SubmitAsync(Submissions.Minimal, "key-r"));

        Assert.Equal(CallbackStatus.Pending, again.Status);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_submission_is_refused_and_stores_nothing_new()
    {
        await SubmitAsync(Submissions.Minimal, "key-1");
        var before = await RowCounts.ReadAsync(_harness.Db(), Ct);

        var result = await SubmitAsync(Submissions.Minimal with { Note = "Something else" }, "key-1");

        Assert.IsType<IntakeResult.KeyReused>(result);
        Assert.Equal(before, await RowCounts.ReadAsync(_harness.Db(), Ct));
    }

    [Fact]
    public async Task A_burst_of_submissions_is_stored_whole_each_with_its_own_receipt()
    {
        var published = new List<InboxEvent>();
        using var _ = _harness.Get<IInboxEvents>().Subscribe(e => { lock (published) published.Add(e); return Task.CompletedTask; });

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => SubmitAsync(Submissions.Minimal with { Name = $"Visitor {i}", Phone = $"+44 20 7946 {i:0000}" }, $"burst-{i}"))));

        var receipts = results.Select(Receipt).ToList();
        Assert.Equal(40, receipts.Select(r => r.Id).Distinct().Count());
        Assert.Equal(new RowCounts(40, 40, 40, 40, 40), await RowCounts.ReadAsync(_harness.Db(), Ct));
        Assert.Equal(receipts.Select(r => r.Id).Order(), published.Cast<CallbackRequested>().Select(e => e.CallbackId).Order());
    }

    [Fact]
    public async Task A_burst_from_one_returning_visitor_makes_one_customer_and_one_lead()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => SubmitAsync(Submissions.Minimal with { Note = $"Try {i}" }))));

        Assert.All(results, r => Assert.IsType<IntakeResult.Accepted>(r));
        await using var db = _harness.Db();
        var customer = await db.Customers.SingleAsync(Ct);
        var callback = await db.CallbackRequests.SingleAsync(Ct);
        Assert.Equal(12, callback.RequestCount);
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.CustomerId == customer.Id, Ct));
        // Every note reached the agent, as a visitor message in the one conversation.
        Assert.Equal(12, await db.Messages.CountAsync(m => m.ConversationId == callback.ConversationId, Ct));
    }

    [Fact]
    public async Task One_failing_submission_in_a_burst_does_not_sink_the_others()
    {
        await using var harness = await DomainHarness.CreateAsync(Provider, s => s.AddSingleton<IInterceptor>(new FailingInsert("CallbackRequests", "Poison Pill")));
        var intake = harness.Get<CallbackIntake>();

        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(() => intake.SubmitAsync(
            Submissions.Minimal with { Name = i == 7 ? "Poison Pill" : $"Visitor {i}", Phone = $"+44 20 7946 {i:0000}" }, null, Ct))).ToList();
        Assert.IsType<SimulatedDbFailure>((await Assert.ThrowsAsync<DbUpdateException>(() => attempts[7])).InnerException);

        Assert.All(attempts.Where((_, i) => i != 7), a => Assert.IsType<IntakeResult.Accepted>(a.Result));
        Assert.Equal(new RowCounts(19, 19, 19, 19, 0), await RowCounts.ReadAsync(harness.Db(), Ct));
        await using var db = harness.Db();
        Assert.False(await db.Messages.AnyAsync(m => m.AuthorName == "Poison Pill", Ct));
    }

    [Fact]
    public async Task Each_submission_alone_is_stored_in_one_transaction()
    {
        var transactions = new CountingTransactions();
        var harness = await DomainHarness.CreateAsync(Provider, s => s.AddSingleton<IInterceptor>(transactions));
        transactions.Armed = true;

        // The second finds every group-commit writer waiting.
        Receipt(await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal, "key-1", Ct));
        Receipt(await harness.Get<CallbackIntake>().SubmitAsync(Submissions.Minimal with { Phone = "+44 20 7946 0001" }, "key-2", Ct));
        // Stops the writers once they are done, so a transaction one of them began late is counted too.
        await harness.DisposeAsync();

        Assert.Equal(2, transactions.Started);
    }

    private static Action<IServiceCollection> FailOnInsertInto(string table) =>
        services => services.AddSingleton<IInterceptor>(new FailingInsert(table));

    /// <summary>Fails the command that inserts into one table (only rows carrying <paramref name="value"/>, when given);
    /// EF sends one command per row, so earlier inserts of the same save have run.</summary>
    private sealed class FailingInsert(string table, string? value = null) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default) =>
            ValueTask.FromResult(FailIfInsert(command, result));

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default) =>
            ValueTask.FromResult(FailIfInsert(command, result));

        private T FailIfInsert<T>(DbCommand command, T result) =>
            command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal)
            && (value is null || command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, value)))
                ? throw new SimulatedDbFailure($"Simulated failure inserting into {table}.")
                : result;
    }

    /// <summary>Once armed (after the migrations have committed), lets every command run, then fails the commit.</summary>
    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken ct = default) =>
            Armed ? throw new SimulatedDbFailure("Simulated failure at commit.") : ValueTask.FromResult(result);
    }

    /// <summary>Counts the transactions begun once armed (after the migrations).</summary>
    private sealed class CountingTransactions : DbTransactionInterceptor
    {
        private int _started;

        public bool Armed { get; set; }
        public int Started => Volatile.Read(ref _started);

        public override ValueTask<DbTransaction> TransactionStartedAsync(
            DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken ct = default)
        {
            if (Armed) Interlocked.Increment(ref _started);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class SimulatedDbFailure(string message) : DbException(message);
}
