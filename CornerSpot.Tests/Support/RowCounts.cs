using CornerSpot.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Tests.Support;

/// <summary>How many rows a callback submission writes to, so a test can say "nothing was written".</summary>
public readonly record struct RowCounts(int Customers, int Conversations, int Messages, int Callbacks, int IdempotencyRecords)
{
    public static readonly RowCounts None = new(0, 0, 0, 0, 0);

    public static async Task<RowCounts> ReadAsync(CornerSpotDb db, CancellationToken ct)
    {
        await using (db)
            return new(
                await db.Customers.CountAsync(ct),
                await db.Conversations.CountAsync(ct),
                await db.Messages.CountAsync(ct),
                await db.CallbackRequests.CountAsync(ct),
                await db.IdempotencyRecords.CountAsync(ct));
    }
}
