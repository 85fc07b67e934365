using System.Data.Common;
using System.Net;
using System.Text.Json;
using CornerSpot.Domain;
using CornerSpot.Domain.Persistence;
using Microsoft.AspNetCore.Builder;
using CornerSpot.Bench.Harness;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Configuration;

namespace CornerSpot.Bench.Benchmarks;

/// <summary>The floor for intake: a bare Kestrel endpoint that writes the same rows as CallbackIntake (customer
/// found-or-created by phone, conversation, visitor message, callback request, idempotency record) in one
/// transaction with raw ADO.NET — Microsoft.Data.Sqlite with the app's pragmas, or Npgsql — and nothing else: no
/// validation, no phone parsing, no rate limiting, CORS, security headers or EF Core.</summary>
public sealed class IntakeBaseline : BaselineHost
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private object _queueId = "";

    private IntakeBaseline(DatabaseProvider provider, string connectionString) : base(Build())
    {
        (_provider, _connectionString) = (provider, connectionString);
        App.MapPost("/api/widget/callbacks", (Submission body, HttpContext http) => SubmitAsync(body, http.Request.Headers["Idempotency-Key"].ToString()));
    }

    /// <summary>On a SQLite file.</summary>
    public static Task<IntakeBaseline> StartAsync(string databasePath) => StartAsync(DatabaseProvider.Sqlite, $"Data Source={databasePath}");

    /// <summary>Creates the schema with the app's own migrations, so both sides write into identical tables and indexes.</summary>
    public static async Task<IntakeBaseline> StartAsync(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                [$"ConnectionStrings:{DomainServices.ConnectionStringName}"] = connectionString,
            }).Build())
            .AddLogging()
            .AddCornerSpotDomain(p => p);
        await using (var domain = services.BuildServiceProvider())
            await domain.InitialiseDatabaseAsync();

        var baseline = new IntakeBaseline(provider, connectionString);
        await using (var connection = await baseline.OpenAsync())
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\" FROM \"Queues\" WHERE \"Slug\" = 'general'";
            baseline._queueId = (await cmd.ExecuteScalarAsync())!;
        }
        await baseline.App.StartAsync();
        return baseline;
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    /// <summary>Opens a pooled connection; on SQLite the pragmas are set once per native connection, as the app does.</summary>
    private async Task<DbConnection> OpenAsync()
    {
        if (_provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnection(_connectionString);
            await postgres.OpenAsync();
            return postgres;
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        if (Configured.TryGetValue(connection.Handle!, out _)) return connection;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync();
        Configured.AddOrUpdate(connection.Handle!, connection.Handle!);
        return connection;
    }

    /// <summary>A new id as the app's EF provider stores it: uppercase TEXT on SQLite, uuid on PostgreSQL.</summary>
    private object NewId() => _provider == DatabaseProvider.Postgres ? Guid.CreateVersion7() : Guid.CreateVersion7().ToString().ToUpperInvariant();

    private object Now()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return _provider == DatabaseProvider.Postgres ? now : now.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IResult> SubmitAsync(Submission body, string key)
    {
        var now = Now();
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();

        var existing = await ScalarAsync(connection, tx, "SELECT \"CallbackRequestId\" FROM \"IdempotencyRecords\" WHERE \"Key\" = @p0", key);
        if (existing is not null) return Results.Ok();
        var queue = await ScalarAsync(connection, tx, "SELECT \"Id\" FROM \"Queues\" WHERE \"Slug\" = @p0", body.Queue ?? "general") ?? _queueId;

        var customerId = await ScalarAsync(connection, tx, "SELECT \"Id\" FROM \"Customers\" WHERE \"PhoneE164\" = @p0", body.Phone);
        if (customerId is null)
        {
            customerId = NewId();
            await ExecAsync(connection, tx,
                "INSERT INTO \"Customers\" (\"Id\", \"Name\", \"PhoneE164\", \"Email\", \"TimeZone\", \"FirstSeenAt\", \"LastSeenAt\", \"LastPageUrl\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)",
                customerId, body.Name, body.Phone, body.Email, body.TimeZone, now, now, body.PageUrl);
        }
        else
        {
            await ExecAsync(connection, tx, "UPDATE \"Customers\" SET \"Name\" = @p0, \"LastSeenAt\" = @p1, \"LastPageUrl\" = @p2 WHERE \"Id\" = @p3",
                body.Name, now, body.PageUrl, customerId);
        }

        var text = body.Note is null ? "Hi, I reached out while your team was offline and would like a call back."
            : $"Hi, I reached out while your team was offline and would like a call back.\n\n{body.Note}";
        var conversationId = NewId();
        var callbackId = NewId();
        // Every NOT NULL column is written: PostgreSQL's schema has no defaults for the columns SQLite's later migrations added.
        await ExecAsync(connection, tx,
            "INSERT INTO \"Conversations\" (\"Id\", \"QueueId\", \"CustomerId\", \"Status\", \"CreatedAt\", \"LastActivityAt\", \"Preview\", \"UnreadCount\") VALUES (@p0, @p1, @p2, 1, @p3, @p4, @p5, 0)",
            conversationId, queue, customerId, now, now, text.Length > 140 ? text[..140] : text);
        await ExecAsync(connection, tx,
            "INSERT INTO \"Messages\" (\"Id\", \"ConversationId\", \"Author\", \"AuthorName\", \"Body\", \"SentAt\", \"IsInternal\") VALUES (@p0, @p1, 0, @p2, @p3, @p4, @p5)",
            NewId(), conversationId, body.Name, text, now, false);
        await ExecAsync(connection, tx,
            "INSERT INTO \"CallbackRequests\" (\"Id\", \"ConversationId\", \"Name\", \"PhoneE164\", \"PhoneAsTyped\", \"VisitorTimeZone\", \"Note\", \"RequestedAt\", \"Status\", \"AttemptCount\", \"RequestCount\", \"LastRequestedAt\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, 0, 0, 1, @p8)",
            callbackId, conversationId, body.Name, body.Phone, body.Phone, body.TimeZone, body.Note, now, now);
        await ExecAsync(connection, tx,
            "INSERT INTO \"IdempotencyRecords\" (\"Key\", \"RequestHash\", \"CallbackRequestId\", \"CreatedAt\") VALUES (@p0, @p1, @p2, @p3)",
            key, "", callbackId, now);
        await tx.CommitAsync();
        return Results.Json(new { id = callbackId.ToString(), conversationId = conversationId.ToString(), status = "Pending", requestedAt = now.ToString() }, statusCode: 201);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction tx, string sql, params object?[] values)
    {
        await using var cmd = Command(connection, tx, sql, values);
        return await cmd.ExecuteScalarAsync() is { } value and not DBNull ? value : null;
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction tx, string sql, params object?[] values)
    {
        await using var cmd = Command(connection, tx, sql, values);
        await cmd.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, object?[] values)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i] ?? DBNull.Value;
            cmd.Parameters.Add(parameter);
        }
        return cmd;
    }

    public sealed record Submission(string? Queue, string Name, string Phone, string? Email, string? TimeZone, string? Note, string? PageUrl);
}
