namespace Relay.Api.Infrastructure.Database;

/// <summary>Settings of the private PostgreSQL that Relay starts when no connection string is configured.</summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Relay:EmbeddedPostgres";

    /// <summary>Folder holding the cluster, its password and its log. Default: per user (see <see cref="DefaultDataDirectory"/>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder with initdb, pg_ctl and postgres. Default: found through pg_config, /usr/lib/postgresql/*/bin or PATH.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at every start.</summary>
    public int Port { get; set; }

    public string Database { get; set; } = "relay";

    /// <summary>Off only for throwaway test clusters: turns off fsync and synchronous commit.</summary>
    public bool Durable { get; set; } = true;

    /// <summary>Removes the data directory after stopping (throwaway test clusters).</summary>
    public bool DeleteOnStop { get; set; }

    /// <summary>
    /// More PostgreSQL settings for the server Relay starts, each passed as <c>-c name=value</c> after Relay's own
    /// (so they win), e.g. <c>shared_preload_libraries</c> = <c>pg_stat_statements</c>. A server Relay adopts
    /// (left running by a killed Relay) keeps the settings it was started with.
    /// </summary>
    public Dictionary<string, string> ServerSettings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Root cannot run PostgreSQL and usually cannot let the postgres user into its home folder, so a
    /// root process keeps the cluster under /var/lib; anybody else under their own data folder.
    /// </summary>
    public static string DefaultDataDirectory() => ProcessRunner.IsRoot
        ? "/var/lib/relay/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "relay", "postgres");

    /// <summary>
    /// The folder Relay keeps its own files in (the admin key, the secrets key): beside the data directory, the
    /// configured
    /// one or the default, so two Relays with their own data directories never share a key.
    /// </summary>
    public static string StateDirectory(IConfiguration configuration) =>
        Path.GetDirectoryName(Path.GetFullPath(configuration[$"{Section}:DataDirectory"] is { Length: > 0 } configured
            ? configured
            : DefaultDataDirectory()))!;
}
