using System.Globalization;

namespace Relay.Benchmarks.Ingest;

/// <summary>What the ingest benchmark prints: each point, the medians over the rounds with the ratios to the
/// references, Relay's statements, and issue 16's targets.</summary>
public static class IngestReport
{
    private const string Header = "point                          req/s  settled   p50 ms   p99 ms  errors  RSS MB  " +
        "CPU ms  PG ms  xact  stmts  PG conns";

    public static void PrintMachine(string run)
    {
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"ingest: {run}; {Environment.ProcessorCount} cores, " +
            $"{long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024.0:0.0} GiB");
        PrintLoad("before the run");
        Console.WriteLine("per point: req/s; settled: requests per second of the run and of the time Relay took " +
            "afterwards to handle the work messages they queued; latency p50/p99; errors (non-2xx and socket " +
            "errors); the server's peak RSS; the server's and PostgreSQL's CPU ms, commits and statements per " +
            "request (until the work was handled); the peak PostgreSQL connections the server held");
    }

    public static void PrintLoad(string when) =>
        Console.WriteLine(
            $"load average {when}: {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])}");

    public static void PrintPoint(IngestPoint p) => Console.WriteLine(
        $"round {p.Round} {Line(p.Name, [p], p.Result.Accepted, p.Result.Duplicates)}" + (p.Server == Server.Relay
            ? $", {p.QueuedAfter:N0} work messages queued at the end, " + (p.LeftAfterDrain == 0
                ? $"handled {p.SettledAfter.TotalSeconds:0.0} s later"
                : $"{p.LeftAfterDrain:N0} still queued after the drain limit ({p.SettledAfter.TotalSeconds:0} s): " +
                  "settled rate and costs cover the drain so far")
            : ""));

    public static void PrintSummary(List<IngestPoint> points)
    {
        Console.WriteLine($"\nmedians over {points.Max(p => p.Round)} round(s)\n        {Header}   x bare  x insert");
        foreach (var group in points.GroupBy(p => (p.Connections, p.Server, p.Scenario)).OrderBy(g => g.Key))
        {
            var list = group.ToList();
            var ratios = group.Key.Server == Server.Relay
                ? $"  {Ratio(points, list, Server.Bare),6:0.000}  {Ratio(points, list, Server.Insert),8:0.00}"
                : "";
            Console.WriteLine($"        {Line(list[0].Name, list, null, null)}{ratios}");
        }
    }

    public static void PrintProfile(List<(string Query, long Calls, double Milliseconds)> top, IngestPoint point)
    {
        var requests = (double)Math.Max(1, point.Result.Requests);
        Console.WriteLine($"\nRelay's statements in {point.Name} (round {point.Round}), per delivery " +
            "(pg_stat_statements: calls, planning + execution ms):");
        foreach (var (query, calls, ms) in top)
            Console.WriteLine($"  {calls / requests,6:0.00}  {ms / requests,6:0.000} ms  {Cut(query, 96)}");
    }

    /// <summary>Issue 16's targets, on the medians (peak RSS: the highest of any Relay point).</summary>
    public static void PrintTargets(List<IngestPoint> points, bool stored)
    {
        var distinct = Of(points, Server.Relay, Scenario.Distinct, 64);
        var duplicates = Of(points, Server.Relay, Scenario.Duplicates, 64);
        var rss = points.Where(p => p.Server == Server.Relay).Max(p => p.PeakRssMegabytes);
        var flowOn = Median(points.Where(p => p.Server == Server.Relay && p.Scenario == Scenario.FlowOn
            && p.Connections == 64).Select(p => p.Result.PerSecond / Of(points, p.Round, Scenario.Distinct, 64)));
        Console.WriteLine("\nissue 16 targets (64 connections):");
        Target($"distinct >= 2,000/s: {Median(distinct.Select(p => p.Result.PerSecond)):N0}/s",
            Median(distinct.Select(p => p.Result.PerSecond)) >= 2_000);
        Target($"distinct p99 <= 100 ms: {Median(distinct.Select(p => p.Result.P99Us / 1000.0)):0.0} ms",
            Median(distinct.Select(p => p.Result.P99Us / 1000.0)) <= 100);
        Target($"distinct >= 25% of bare 202: {Ratio(points, distinct, Server.Bare):0.0%}",
            Ratio(points, distinct, Server.Bare) >= 0.25);
        Target($"distinct above one INSERT per request: {Ratio(points, distinct, Server.Insert):0.00} x",
            Ratio(points, distinct, Server.Insert) > 1);
        Target($"all duplicates >= 4,000/s: {Median(duplicates.Select(p => p.Result.PerSecond)):N0}/s",
            Median(duplicates.Select(p => p.Result.PerSecond)) >= 4_000);
        Target($"peak RSS <= 300 MB: {rss:0} MB", rss <= 300);
        Target("0 acknowledged deliveries missing", stored);
        Target($"flow on >= 50% of flow off: {flowOn:0%}", flowOn >= 0.5);
    }

    private static void Target(string what, bool met) => Console.WriteLine($"  {(met ? "PASS" : "FAIL")}  {what}");

    private static string Line(string name, List<IngestPoint> p, long? accepted, long? duplicates)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} {M(p, x => x.Result.PerSecond),7:0} {M(p, x => x.SettledPerSecond),8:0} " +
            $"{M(p, x => x.Result.P50Us / 1000.0),8:0.0} " +
            $"{M(p, x => x.Result.P99Us / 1000.0),8:0.0} {M(p, x => x.Errors),7:0} " +
            $"{M(p, x => x.PeakRssMegabytes),7:0} " +
            $"{M(p, x => x.CpuMsPerRequest),7:0.00} {M(p, x => x.PostgresCpuMsPerRequest),6:0.00} " +
            $"{M(p, x => x.CommitsPerRequest),5:0.0} {M(p, x => x.StatementsPerRequest),6:0.0} " +
            $"{M(p, x => x.PeakConnections),9:0}");
        return accepted is null ? line : $"{line}   (202: {accepted:N0}, 200: {duplicates:N0})";
    }

    private static double M(List<IngestPoint> points, Func<IngestPoint, double> figure) =>
        Median(points.Select(figure));

    /// <summary>Relay's rate over the reference's in the same round (they ran alternately), the median of those.
    /// </summary>
    private static double Ratio(List<IngestPoint> all, List<IngestPoint> relay, Server reference) =>
        Median(relay.Select(p => p.Result.PerSecond / Of(all, p.Round, reference, p.Connections)));

    private static double Of(List<IngestPoint> all, int round, Scenario scenario, int connections) => all.Single(p =>
        p.Round == round && p.Server == Server.Relay && p.Scenario == scenario && p.Connections == connections)
        .Result.PerSecond;

    private static double Of(List<IngestPoint> all, int round, Server reference, int connections) => all.Single(p =>
        p.Round == round && p.Server == reference && p.Connections == connections).Result.PerSecond;

    private static List<IngestPoint> Of(List<IngestPoint> all, Server server, Scenario scenario, int connections) =>
        all.Where(p => p.Server == server && p.Scenario == scenario && p.Connections == connections).ToList();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : $"{text[..(length - 1)]}…";
}
