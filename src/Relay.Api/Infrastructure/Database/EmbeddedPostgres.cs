using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Relay.Api.Infrastructure.Database;

/// <summary>
/// A private PostgreSQL cluster that Relay initialises, starts and stops itself: the default for a
/// newcomer (no connection string) and the throwaway database of the test suite.
/// Layout of the data directory: cluster/ (PGDATA), password (the superuser's), run/ (socket), postgres.log.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "relay";
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _bin;
    private readonly string _root;
    private readonly ILogger _logger;
    private bool _stopped;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string bin, string root, ILogger logger)
    {
        _options = options;
        _bin = bin;
        _root = root;
        _logger = logger;
    }

    public string ConnectionString { get; private set; } = "";
    private string ClusterDir => Path.Combine(_root, "cluster");
    private string PasswordFile => Path.Combine(_root, "password");
    private string SocketDir => Path.Combine(_root, "run");
    private string LogFile => Path.Combine(_root, "postgres.log");

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate(options.BinDirectory);
        var root = Path.GetFullPath(options.DataDirectory ?? EmbeddedPostgresOptions.DefaultDataDirectory());
        var pg = new EmbeddedPostgres(options, bin, root, logger);
        await pg.StartAsync(ct);
        return pg;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var extra = ServerSettingArguments(_options.ServerSettings); // refused before anything is written
        await PrepareDirectoriesAsync(ct);
        if (!File.Exists(Path.Combine(ClusterDir, "PG_VERSION"))) await InitialiseClusterAsync(ct);

        var port = RunningPort() ?? await StartServerAsync(extra, ct);
        var password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = SuperUser, Password = password, Database = "postgres",
        };
        await CreateDatabaseIfMissingAsync(admin.ConnectionString, ct);
        admin.Database = _options.Database;
        ConnectionString = admin.ConnectionString;
        _logger.LogInformation("Embedded PostgreSQL ready on 127.0.0.1:{Port}, data in {DataDirectory}", port, _root);
    }

    private async Task PrepareDirectoriesAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (ProcessRunner.IsRoot)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _root], false, ct);
            if (chown.ExitCode != 0)
                throw new EmbeddedPostgresException($"Relay runs as root and could not hand {_root} to the postgres user: {chown.Output}");
        }
    }

    private async Task InitialiseClusterAsync(CancellationToken ct)
    {
        // A half-written cluster from an interrupted first start is of no use: start over.
        if (Directory.Exists(ClusterDir)) Directory.Delete(ClusterDir, recursive: true);
        await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (ProcessRunner.IsRoot) await ProcessRunner.RunAsync("chown", ["postgres:postgres", PasswordFile], false, ct);

        var init = await ProcessRunner.RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", ClusterDir, "-U", SuperUser, $"--pwfile={PasswordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"],
            asPostgresUser: true, ct);
        if (init.ExitCode != 0)
            throw new EmbeddedPostgresException($"initdb failed for {ClusterDir}: {init.Output}");
    }

    /// <summary>
    /// A server left running by a Relay that was killed is adopted; a pid file whose process is gone
    /// (or is not PostgreSQL) is stale and removed, so the next start is not refused.
    /// </summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(ClusterDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length >= 4 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port) && IsPostgresProcess(pid))
        {
            _logger.LogInformation("Embedded PostgreSQL already running (pid {Pid}); adopting it", pid);
            return port;
        }
        _logger.LogWarning("Removing stale PostgreSQL pid file left by an earlier run");
        File.Delete(pidFile);
        return null;
    }

    private static bool IsPostgresProcess(int pid)
    {
        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() is "postgres" or "postmaster";
    }

    private async Task<int> StartServerAsync(string extra, CancellationToken ct)
    {
        var port = _options.Port != 0 ? _options.Port : FreePort();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {SocketDir}";
        if (!_options.Durable) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        settings += extra;

        var start = await ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["start", "-D", ClusterDir, "-l", LogFile, "-w", "-t", "60", "-o", settings], asPostgresUser: true, ct);
        if (start.ExitCode != 0)
            throw new EmbeddedPostgresException($"PostgreSQL did not start on port {port}: {start.Output}\n{LogTail()}");
        return port;
    }

    /// <summary>
    /// The configured settings as postgres options. pg_ctl hands its options to a shell, so names and values are
    /// kept to characters that mean nothing there (no spaces, quotes or separators); anything else is refused.
    /// </summary>
    internal static string ServerSettingArguments(IReadOnlyDictionary<string, string> settings)
    {
        const string where = $"{EmbeddedPostgresOptions.Section}:ServerSettings";
        var arguments = new System.Text.StringBuilder();
        foreach (var (name, value) in settings)
        {
            if (!SettingName().IsMatch(name))
                throw new EmbeddedPostgresException($"'{name}' is not a PostgreSQL setting name ({where}).");
            if (!SettingValue().IsMatch(value))
                throw new EmbeddedPostgresException(
                    $"The value of {name} may hold only letters, digits and . , : / _ + - ({where}).");
            arguments.Append($" -c {name}={value}");
        }
        return arguments.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex SettingName();

    [GeneratedRegex("^[A-Za-z0-9_.,:/+-]+$")]
    private static partial Regex SettingValue();

    private string LogTail() =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(15)) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task CreateDatabaseIfMissingAsync(string adminConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", _options.Database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
        await using var create = new NpgsqlCommand($"create database \"{_options.Database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        var stop = await ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "60"], asPostgresUser: true, CancellationToken.None);
        if (stop.ExitCode != 0) _logger.LogWarning("Stopping embedded PostgreSQL: {Output}", stop.Output);
        if (_options.DeleteOnStop) Directory.Delete(_root, recursive: true);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
