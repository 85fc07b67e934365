using System.Data.Common;
using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CornerSpot.Web.Demo;

/// <summary>Writes demo rows in batches, the fastest way the database allows: prepared INSERTs on SQLite, binary COPY
/// on PostgreSQL. Every column without a database default is written.</summary>
internal abstract class DemoRowWriter : IAsyncDisposable
{
    protected sealed record Table(string Name, string[] Columns);

    protected static readonly Table Customers = new("Customers",
        ["Id", "Name", "PhoneE164", "Email", "TimeZone", "FirstSeenAt", "LastSeenAt", "LastPageUrl"]);

    protected static readonly Table Conversations = new("Conversations",
        ["Id", "QueueId", "CustomerId", "Status", "CreatedAt", "LastActivityAt", "Preview", "UnreadCount"]);

    protected static readonly Table Messages = new("Messages",
        ["Id", "ConversationId", "Author", "AuthorName", "Body", "SentAt", "IsInternal"]);

    protected static readonly Table Callbacks = new("CallbackRequests",
        ["Id", "ConversationId", "Name", "PhoneE164", "PhoneAsTyped", "PreferredStartUtc", "PreferredEndUtc", "VisitorTimeZone", "Note",
         "RequestedAt", "Status", "ResolvedAt", "ResolvedById", "ResolvedByName", "RequestCount", "LastRequestedAt", "AttemptCount"]);

    protected static readonly Table[] Tables = [Customers, Conversations, Messages, Callbacks];

    public static DemoRowWriter For(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => new SqliteDemoRowWriter(sqlite),
        NpgsqlConnection postgres => new PostgresDemoRowWriter(postgres),
        _ => throw new NotSupportedException($"Demo data cannot be seeded through {connection.GetType().Name}."),
    };

    /// <param name="bulk">A large seed: indexes that are cheaper to build once at the end are set aside until <see cref="FinishAsync"/>.</param>
    public abstract Task StartAsync(bool bulk, CancellationToken ct);

    public abstract Task BeginBatchAsync(CancellationToken ct);

    public abstract Task CommitBatchAsync(CancellationToken ct);

    /// <summary>Customers' last-seen times, the indexes set aside, and fresh planner statistics.</summary>
    public abstract Task FinishAsync(bool bulk, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected abstract void Write(Table table, object?[] values);

    public void Customer(DemoData.DemoCustomer c) =>
        Write(Customers, [c.Id, c.Name, c.PhoneE164, c.Email, c.TimeZone, c.FirstSeen, c.FirstSeen, c.PageUrl]);

    public void Conversation(Guid id, Guid queueId, Guid customerId, ConversationStatus status, DateTime createdAt, DateTime lastActivity, string preview) =>
        Write(Conversations, [id, queueId, customerId, (int)status, createdAt, lastActivity, preview, 0]);

    public void Message(Guid id, Guid conversationId, MessageAuthor author, string name, string body, DateTime sentAt) =>
        Write(Messages, [id, conversationId, (int)author, name, body, sentAt, false]);

    public void Callback(Guid id, Guid conversationId, DemoData.DemoCustomer c, DateTime? start, DateTime? end, string? note,
        DateTime requestedAt, CallbackStatus status, DateTime? resolvedAt, string? resolvedBy) =>
        Write(Callbacks, [id, conversationId, c.Name, c.PhoneE164, c.PhoneAsTyped, start, end, c.TimeZone, note, requestedAt,
            (int)status, resolvedAt, null, resolvedBy, 1, requestedAt, 0]);

    protected static async Task ExecuteAsync(DbConnection connection, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var sql in statements)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
