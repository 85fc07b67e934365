using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CornerSpot.Bench.Harness;

/// <summary>A private PostgreSQL 15 for one benchmark (Debian's server binaries, a temp data directory, a free loopback
/// port, fsync off), as CornerSpot.Tests/Support/PostgresServer.cs starts one; the app migrates its database itself.
/// As root the server runs as the package's postgres user (PostgreSQL refuses root).</summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string User = "cornerspot";
    private readonly string _directory;
    private readonly int _port;

    private BenchPostgres(string directory, int port) => (_directory, _port) = (directory, port);

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username={User};Database={database}";

    public static BenchPostgres Start()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinDirectory}): apt-get install -y postgresql-15");
        var directory = Directory.CreateTempSubdirectory("cornerspot-bench-pg-").FullName;
        if (AsRoot) Run("chown", "postgres", directory);
        var port = FreePort();
        Server("initdb", "-D", $"{directory}/data", "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        Server("pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/log", "-w", "start", "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        var server = new BenchPostgres(directory, port);
        server.CreateDatabase("cornerspot");
        return server;
    }

    /// <summary>Another empty database on this server (the app creates its tables on first start).</summary>
    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Server(string program, params string[] args)
    {
        var path = Path.Combine(BinDirectory, program);
        if (!AsRoot)
        {
            Run(path, args);
            return;
        }
        Run("su", "postgres", "-s", "/bin/sh", "-c", string.Join(' ', args.Prepend(path).Select(a => "'" + a.Replace("'", "'\\''") + "'")));
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

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Server("pg_ctl", "-D", $"{_directory}/data", "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
