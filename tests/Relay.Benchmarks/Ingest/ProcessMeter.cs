using System.Globalization;

namespace Relay.Benchmarks.Ingest;

/// <summary>CPU time and memory of processes, read from /proc (Linux).</summary>
public static class ProcessMeter
{
    /// <summary>/proc/[pid]/stat counts in USER_HZ, which is 100 on Linux.</summary>
    public const double MillisecondsPerTick = 10;

    /// <summary>User and system time of the process (all its threads).</summary>
    public static long CpuTicks(int pid) => Stat(pid) is { } f ? Field(f, 14) + Field(f, 15) : 0;

    /// <summary>
    /// The CPU of a PostgreSQL cluster: the postmaster's own, that of its children that ended (reaped: cutime and
    /// cstime, so a backend that closes between two readings still counts) and that of its live children (backends,
    /// WAL writer, checkpointer, ...). A difference of two readings is the cluster's CPU in between.
    /// </summary>
    public static long ClusterCpuTicks(int postmaster)
    {
        var total = Stat(postmaster) is { } p ? Field(p, 14) + Field(p, 15) + Field(p, 16) + Field(p, 17) : 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == postmaster) continue;
            if (Stat(pid) is { } f && Field(f, 4) == postmaster) total += Field(f, 14) + Field(f, 15);
        }
        return total;
    }

    /// <summary>Resident memory now (VmRSS), in kilobytes; 0 when the process is gone.</summary>
    public static long RssKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null
                ? 0
                : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The fields after the command name (which may hold spaces and parentheses): field 3 (state) first.
    /// </summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended meanwhile
        }
    }

    /// <summary>Field n as proc(5) numbers them.</summary>
    private static long Field(string[] fields, int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
}
