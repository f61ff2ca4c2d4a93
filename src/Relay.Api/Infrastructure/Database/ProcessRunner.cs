using System.Diagnostics;

namespace Relay.Api.Infrastructure.Database;

/// <summary>Runs the PostgreSQL command-line tools, as the postgres user when Relay itself runs as root.</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, bool asPostgresUser, CancellationToken ct)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser && IsRoot)
        {
            // initdb and postgres refuse to run as root.
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", fileName }) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = fileName;
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }
}
