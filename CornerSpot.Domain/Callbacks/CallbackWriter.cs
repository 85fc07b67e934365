using System.Threading.Channels;
using CornerSpot.Domain.Conversations;
using CornerSpot.Domain.Customers;
using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Callbacks;

/// <summary>A validated submission, ready to store: what the visitor said plus the rows it becomes.</summary>
internal sealed record CallbackWrite(
    string? IdempotencyKey,
    string RequestHash,
    string Phone,
    string Name,
    string? Email,
    string? TimeZone,
    string? PageUrl,
    Conversation Conversation,
    CallbackRequest Callback)
{
    public TaskCompletionSource<IntakeResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Stores submissions with group commit: one writer takes every submission waiting at that moment and stores them in
/// one transaction, so a burst pays for one commit (and one pass over the indexes' pages) instead of one each. Each
/// submission's rows still commit together or not at all; alone, a submission is written at once. If a shared
/// transaction fails, its submissions are retried one by one, so one bad submission cannot sink its neighbours.
/// </summary>
public sealed class CallbackWriter(IDbContextFactory<CornerSpotDb> dbFactory, WriteGate writeGate) : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly Channel<CallbackWrite> _queue = Channel.CreateUnbounded<CallbackWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _running;

    /// <summary>Queues the write; the task ends when it is committed (Accepted), found to be a replay, or failed.</summary>
    internal Task<IntakeResult> WriteAsync(CallbackWrite write)
    {
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(CallbackWriter));
        if (_running is null)
            lock (_queue)
                _running ??= Task.Run(() => RunAsync());
        return write.Outcome.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<CallbackWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try
            {
                await StoreAsync(batch);
            }
            catch when (batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    try
                    {
                        await StoreAsync([write]);
                    }
                    catch (Exception ex)
                    {
                        write.Outcome.TrySetException(ex);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Outcome.TrySetException(ex);
            }
        }
    }

    private async Task StoreAsync(IReadOnlyList<CallbackWrite> batch)
    {
        var outcomes = new IntakeResult[batch.Count];
        await using var db = await dbFactory.CreateDbContextAsync();
        using (await writeGate.EnterAsync(CancellationToken.None))
        {
            // SQLite takes the write lock at BEGIN: a key stored by anyone before this point is found below.
            await using var tx = await db.Database.BeginTransactionAsync();
            var keysInBatch = new Dictionary<string, CallbackWrite>();
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (write.IdempotencyKey is { } key)
                {
                    if (keysInBatch.TryGetValue(key, out var first))
                    {
                        outcomes[i] = first.RequestHash == write.RequestHash
                            ? new IntakeResult.Accepted(Receipt(first), Replayed: true)
                            : new IntakeResult.KeyReused();
                        continue;
                    }
                    if (await CallbackIntake.ReplayAsync(db, key, write.RequestHash, CancellationToken.None) is { } stored)
                    {
                        outcomes[i] = stored;
                        continue;
                    }
                    keysInBatch[key] = write;
                }
                await AddRowsAsync(db, write);
                outcomes[i] = new IntakeResult.Accepted(Receipt(write), Replayed: false);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes[i]);
    }

    private static async Task AddRowsAsync(CornerSpotDb db, CallbackWrite write)
    {
        var now = write.Callback.RequestedAt;
        // A returning visitor may already be in this batch, not yet in the table.
        var customer = db.Customers.Local.FirstOrDefault(c => c.PhoneE164 == write.Phone)
                       ?? await db.Customers.SingleOrDefaultAsync(c => c.PhoneE164 == write.Phone);
        if (customer is null)
        {
            customer = new Customer { Id = Guid.CreateVersion7(), Name = write.Name, PhoneE164 = write.Phone, FirstSeenAt = now };
            db.Customers.Add(customer);
        }
        customer.Name = write.Name;
        customer.LastSeenAt = now;
        customer.Email = write.Email ?? customer.Email;
        customer.TimeZone = write.TimeZone ?? customer.TimeZone;
        customer.LastPageUrl = write.PageUrl ?? customer.LastPageUrl;

        // The navigation too: a retry after a failed shared transaction must not bring the failed attempt's customer along.
        write.Conversation.Customer = customer;
        write.Conversation.CustomerId = customer.Id;
        db.Conversations.Add(write.Conversation);
        db.CallbackRequests.Add(write.Callback);
        if (write.IdempotencyKey is { } key)
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Key = key, RequestHash = write.RequestHash, CallbackRequestId = write.Callback.Id, CreatedAt = now,
            });
    }

    private static CallbackReceipt Receipt(CallbackWrite write) =>
        new(write.Callback.Id, write.Conversation.Id, CallbackStatus.Pending, write.Callback.RequestedAt);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_running is not null) await _running;
    }
}
