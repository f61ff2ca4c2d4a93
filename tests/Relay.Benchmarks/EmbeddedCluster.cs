using Npgsql;

namespace Relay.Benchmarks;

/// <summary>
/// Relay's embedded PostgreSQL seen from outside Relay, through the layout EmbeddedPostgres keeps in its data
/// directory: cluster/postmaster.pid (the postmaster's pid on line 1, its port on line 4) and password (the
/// superuser <c>relay</c>'s). Relay's database is <c>relay</c>.
/// </summary>
public sealed record EmbeddedCluster(int PostmasterId, int Port, string Password)
{
    /// <returns>The server started on the data directory, or null when none was. A server still starting has
    /// written its pid but maybe not yet its port (0 then).</returns>
    public static EmbeddedCluster? Find(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "cluster", "postmaster.pid");
        var lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile) : [];
        if (lines.Length == 0 || !int.TryParse(lines[0], out var pid)) return null;
        var port = lines.Length >= 4 && int.TryParse(lines[3], out var p) ? p : 0;
        var password = Path.Combine(dataDirectory, "password");
        return new EmbeddedCluster(pid, port, File.Exists(password) ? File.ReadAllText(password).Trim() : "");
    }

    public string ConnectionString(string applicationName) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "relay", Password = Password, Database = "relay",
        ApplicationName = applicationName,
    }.ConnectionString;
}
