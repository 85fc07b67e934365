using CornerSpot.Domain.Callbacks;
using CornerSpot.Domain.Conversations;
using Microsoft.Data.Sqlite;

namespace CornerSpot.Web.Demo;

/// <summary>Prepared INSERTs, one per table, reused for every row.</summary>
internal sealed class DemoRowWriter : IDisposable
{
    private readonly SqliteCommand _customer, _conversation, _message, _callback;

    public DemoRowWriter(SqliteConnection connection)
    {
        _customer = Prepare(connection, "Customers", "Id", "Name", "PhoneE164", "Email", "TimeZone", "FirstSeenAt", "LastSeenAt", "LastPageUrl");
        _conversation = Prepare(connection, "Conversations", "Id", "QueueId", "CustomerId", "Status", "CreatedAt", "LastActivityAt", "Preview");
        _message = Prepare(connection, "Messages", "Id", "ConversationId", "Author", "AuthorName", "Body", "SentAt");
        _callback = Prepare(connection, "CallbackRequests", "Id", "ConversationId", "Name", "PhoneE164", "PhoneAsTyped",
            "PreferredStartUtc", "PreferredEndUtc", "VisitorTimeZone", "Note", "RequestedAt", "Status", "ResolvedAt", "ResolvedById", "ResolvedByName", "RequestCount", "LastRequestedAt", "AttemptCount");
    }

    public void Dispose()
    {
        _customer.Dispose();
        _conversation.Dispose();
        _message.Dispose();
        _callback.Dispose();
    }

    public void Enlist(SqliteTransaction tx) => _customer.Transaction = _conversation.Transaction = _message.Transaction = _callback.Transaction = tx;

    public void Customer(DemoData.DemoCustomer c) =>
        Run(_customer, c.Id, c.Name, c.PhoneE164, c.Email, c.TimeZone, c.FirstSeen, c.FirstSeen, c.PageUrl);

    public void Conversation(Guid id, Guid queueId, Guid customerId, ConversationStatus status, DateTime createdAt, DateTime lastActivity, string preview) =>
        Run(_conversation, id, queueId, customerId, (int)status, createdAt, lastActivity, preview);

    public void Message(Guid id, Guid conversationId, MessageAuthor author, string name, string body, DateTime sentAt) =>
        Run(_message, id, conversationId, (int)author, name, body, sentAt);

    public void Callback(Guid id, Guid conversationId, DemoData.DemoCustomer c, DateTime? start, DateTime? end, string? note,
        DateTime requestedAt, CallbackStatus status, DateTime? resolvedAt, string? resolvedBy) =>
        Run(_callback, id, conversationId, c.Name, c.PhoneE164, c.PhoneAsTyped, start, end, c.TimeZone, note, requestedAt,
            (int)status, resolvedAt, null, resolvedBy, 1, requestedAt, 0);

    private static SqliteCommand Prepare(SqliteConnection connection, string table, params string[] columns)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                          $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
            cmd.Parameters.Add(new SqliteParameter("$" + column, SqliteType.Text));
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var p = cmd.Parameters[i];
            // Guid and DateTime as TEXT (uppercase Guid, "yyyy-MM-dd HH:mm:ss.FFFFFFF"), exactly as EF stores them.
            p.SqliteType = values[i] is int ? SqliteType.Integer : SqliteType.Text;
            p.Value = values[i] ?? DBNull.Value;
        }
        cmd.ExecuteNonQuery();
    }
}
