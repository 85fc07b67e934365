using Microsoft.EntityFrameworkCore;

namespace CornerSpot.Domain.Persistence;

/// <summary>
/// How writers that decide something before they write (is this Idempotency-Key new? is this number a known
/// customer?) keep out of each other's way, on each database.
/// </summary>
/// <remarks>
/// SQLite allows one writer, and a transaction holds that lock from BEGIN, so what it reads stays true until it
/// commits. A second writer that finds the lock taken sleeps in the busy handler (1, 2, 5, 10… ms) and usually
/// oversleeps the holder, so under a burst most of the time goes to sleeping: this process's hot writers queue at
/// <see cref="EnterAsync"/> instead, and the next one starts the moment the previous one commits. busy_timeout still
/// covers writers that do not queue here (other processes, rare admin writes).
/// PostgreSQL lets writers run side by side, on this node and others: nothing queues here, and a writer takes
/// <see cref="LockNamesAsync"/> on what it is about to decide, so two nodes given the same key or number at once
/// take turns on that alone.
/// </remarks>
public sealed class WriteGate(DatabaseProvider provider)
{
    private readonly SemaphoreSlim? _gate = provider == DatabaseProvider.Sqlite ? new(1, 1) : null;

    /// <summary>How many group-commit writers (<see cref="Callbacks.CallbackWriter"/>) store batches side by side: one on
    /// SQLite, which writes one transaction at a time anyway; on PostgreSQL several, so a batch's round trips overlap
    /// the next batch's instead of every submission waiting for them in turn (their locks keep them apart).</summary>
    /// <remarks>Two rather than four: under load each batch's fixed cost (a context, a transaction, three reads, a save)
    /// is then shared by more submissions; the intake bench on PostgreSQL measured 0.74× and 0.54× of its baseline with
    /// two against 0.54× and 0.48× with four, run in turn (bench/CornerSpot.Bench/findings.md, 2026-12-02).</remarks>
    public int Writers => _gate is null ? PostgresWriters : 1;

    private const int PostgresWriters = 2;

    /// <summary>This process's turn to write (SQLite); at once on PostgreSQL.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_gate is null) return default;
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    /// <summary>Locks each name until the open transaction ends, across every node (PostgreSQL advisory locks, taken
    /// in one order so two writers cannot deadlock), and keeps the transaction's lookups on btree indexes (below).
    /// Nothing to do on SQLite, whose transaction already excludes every other writer.</summary>
    /// <remarks>The writer looks rows up by exact keys (numbers, Idempotency-Keys, ids). PostgreSQL's trigram index on
    /// Customers.PhoneE164 (for search) answers <c>=</c> too, and the planner, which underrates it, prefers it to the
    /// unique index: every probe then reads the trigram lists that every number shares ("  1", "121"…), a cost that grows
    /// with the table (measured: 4 ms for 7 numbers among 1,100 customers, 44 ms a minute of intake later). GIN indexes are read
    /// only by bitmap scans, so the transaction turns those off; in the same statement, no extra round trip.</remarks>
    public async Task LockNamesAsync(CornerSpotDb db, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        if (provider != DatabaseProvider.Postgres || names.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync("""
            SET LOCAL enable_bitmapscan = off;
            SELECT pg_advisory_xact_lock(h)
            FROM (SELECT DISTINCT hashtextextended(n, 0) AS h FROM unnest({0}::text[]) AS n ORDER BY h) AS names
            """, [names.ToArray()], ct);
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
