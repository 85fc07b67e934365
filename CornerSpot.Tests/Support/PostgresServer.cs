using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CornerSpot.Domain.Persistence;
using CornerSpot.Domain.Persistence.Postgres;
using CornerSpot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace CornerSpot.Tests.Support;

/// <summary>
/// A private PostgreSQL 15 for the whole test run: Debian's server binaries, a data directory in the temp folder, a
/// free loopback port, fsync off; started by the first test that asks for a database and stopped when the run ends
/// (an assembly fixture). Each test gets a database of its own, copied from a migrated template
/// (<see cref="CreateDatabase"/>; usually through <see cref="TestDatabase.Create"/>).
/// </summary>
/// <remarks>The test project installs the server package when it is missing (see CornerSpot.Tests.csproj), as it
/// does Chromium. PostgreSQL refuses to run as root, so as root the server runs as the package's postgres user.</remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string User = "cornerspot";
    private const string Template = "cornerspot_template";

    private static readonly Lock Gate = new();
    private static Instance? _running;

    private sealed record Instance(string Directory, int Port)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Include Error Detail=true";
    }

    /// <summary>A new database on the run's server (started on first use): migrated and empty, or with no tables at all.</summary>
    public static TestDatabase CreateDatabase(bool migrated = true)
    {
        var server = Start();
        var name = $"test_{Guid.NewGuid():N}";
        // One at a time: copying a template fails while another session is connected to it.
        lock (Gate)
            Execute(server, $"""CREATE DATABASE "{name}" TEMPLATE "{(migrated ? Template : "template0")}" """);
        var connectionString = server.ConnectionString(name);
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, Path.Combine(Path.GetTempPath(), "cornerspot-test-" + name), () =>
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
            Execute(server, $"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        });
    }

    private static Instance Start()
    {
        lock (Gate)
        {
            if (_running is not null) return _running;
            if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
                throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}): apt-get install -y postgresql-15");
            var directory = Directory.CreateTempSubdirectory("cornerspot-pg-").FullName;
            var asRoot = Environment.UserName == "root";
            if (asRoot) Run("chown", "postgres", directory);
            var port = FreePort();
            Server(asRoot, "initdb", "-D", $"{directory}/data", "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            Server(asRoot, "pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/log", "-w", "start", "-o",
                $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                "-c full_page_writes=off -c max_connections=300");
            var instance = new Instance(directory, port);
            Execute(instance, $"""CREATE DATABASE "{Template}" """);
            using (var db = new PostgresCornerSpotDb(new DbContextOptionsBuilder<PostgresCornerSpotDb>()
                       .UseNpgsql(instance.ConnectionString(Template)).Options))
                db.Database.Migrate();
            NpgsqlConnection.ClearPool(new NpgsqlConnection(instance.ConnectionString(Template)));
            return _running = instance;
        }
    }

    private static void Execute(Instance server, string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Server(bool asRoot, string program, params string[] args)
    {
        var path = Path.Combine(BinDirectory, program);
        if (!asRoot)
        {
            Run(path, args);
            return;
        }
        var command = string.Join(' ', args.Prepend(path).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        Run("su", "postgres", "-s", "/bin/sh", "-c", command);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        lock (Gate)
        {
            if (_running is not { } server) return ValueTask.CompletedTask;
            NpgsqlConnection.ClearAllPools();
            Server(Environment.UserName == "root", "pg_ctl", "-D", $"{server.Directory}/data", "-m", "immediate", "-w", "stop");
            Directory.Delete(server.Directory, recursive: true);
            _running = null;
        }
        return ValueTask.CompletedTask;
    }
}
