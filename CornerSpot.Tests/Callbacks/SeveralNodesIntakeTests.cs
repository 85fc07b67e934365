using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Persistence;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Callbacks;

/// <summary>Two nodes (two sets of services, each with its own writer) storing into one database at the same moment.</summary>
/// <remarks>On SQLite; <see cref="SeveralNodesIntakeOnPostgresTests"/> runs the same tests on PostgreSQL.</remarks>
public class SeveralNodesIntakeTests : IAsyncLifetime
{
    private const int Visitors = 24;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private DomainHarness _first = null!, _second = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _first = await DomainHarness.CreateAsync(Provider);
        _second = await DomainHarness.CreateAsync(Provider, database: _first.Database);
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static CallbackSubmission Visitor(int i) => Submissions.Minimal with { Name = $"Visitor {i}", Phone = $"+44 20 7946 {i:0000}" };

    /// <summary>Each submission sent to both nodes at the same moment, one submission after another (alone, each is
    /// its own transaction: a shared one that failed would be retried, and hide the race).</summary>
    private async Task<(IntakeResult First, IntakeResult Second)[]> SubmitToBothAsync(Func<int, CallbackSubmission> submission, Func<int, string?> key)
    {
        var answers = new List<(IntakeResult, IntakeResult)>();
        for (var i = 0; i < Visitors; i++)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (visitor, k) = (submission(i), key(i));
            var first = Task.Run(async () => { await go.Task; return await _first.Get<CallbackIntake>().SubmitAsync(visitor, k, Ct); });
            var second = Task.Run(async () => { await go.Task; return await _second.Get<CallbackIntake>().SubmitAsync(visitor, k, Ct); });
            go.SetResult();
            answers.Add((await first, await second));
        }
        return [.. answers];
    }

    private static CallbackReceipt Receipt(IntakeResult result) => Assert.IsType<IntakeResult.Accepted>(result).Receipt;

    [Fact]
    public async Task Two_nodes_given_the_same_Idempotency_Key_at_once_store_one_request()
    {
        var answers = await SubmitToBothAsync(Visitor, i => $"key-{i}");

        Assert.All(answers, a => Assert.Equal(Receipt(a.First).Id, Receipt(a.Second).Id));
        Assert.All(answers, a => Assert.True(((IntakeResult.Accepted)a.First).Replayed ^ ((IntakeResult.Accepted)a.Second).Replayed));
        Assert.Equal(new RowCounts(Visitors, Visitors, Visitors, Visitors, Visitors), await RowCounts.ReadAsync(_first.Db(), Ct));
    }

    [Fact]
    public async Task Two_nodes_given_the_same_new_number_at_once_make_one_customer_and_one_pending_request()
    {
        var answers = await SubmitToBothAsync(Visitor, _ => null);

        Assert.All(answers, a => Assert.Equal(Receipt(a.First).Id, Receipt(a.Second).Id));
        await using var db = _first.Db();
        Assert.Equal(Visitors, await db.Customers.CountAsync(Ct));
        Assert.Equal(Visitors, await db.CallbackRequests.CountAsync(c => c.Status == CallbackStatus.Pending && c.RequestCount == 2, Ct));
    }
}
