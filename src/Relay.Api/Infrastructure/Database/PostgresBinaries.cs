namespace Relay.Api.Infrastructure.Database;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, postgres) on this machine.</summary>
internal static class PostgresBinaries
{
    public static string Locate(string? configured)
    {
        foreach (var candidate in Candidates(configured))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
                return candidate;
        }
        throw new EmbeddedPostgresException(
            "Relay found no PostgreSQL server programs (initdb, pg_ctl) to start its embedded database. Either install " +
            "PostgreSQL (for example `apt-get install postgresql`) or point Relay at an existing database with " +
            "the setting ConnectionStrings:Relay (environment variable ConnectionStrings__Relay).");
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
            yield break;
        }
        var fromPgConfig = BinDirFromPgConfig();
        if (fromPgConfig is not null) yield return fromPgConfig;

        // Debian and Ubuntu keep the server outside PATH; prefer the newest major version.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: d, major: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .OrderByDescending(x => x.major);
            foreach (var (dir, _) in versions) yield return Path.Combine(dir, "bin");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
    }

    private static string? BinDirFromPgConfig()
    {
        try
        {
            var result = ProcessRunner.RunAsync("pg_config", ["--bindir"], asPostgresUser: false, CancellationToken.None).GetAwaiter().GetResult();
            return result.ExitCode == 0 && Directory.Exists(result.Output) ? result.Output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}

/// <summary>The embedded database could not be started; the message says what to do.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
