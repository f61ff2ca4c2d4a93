namespace Relay.Benchmarks.Ingest;

/// <summary>The servers measured: Relay, and the two references of the same run.</summary>
public enum Server
{
    /// <summary>The reference that reads the body and answers 202.</summary>
    Bare,

    Relay,

    /// <summary>The reference that reads the body and commits one INSERT before answering 202.</summary>
    Insert,
}

public enum Scenario
{
    /// <summary>Every delivery new (a new order id), the orders flow off.</summary>
    Distinct,

    /// <summary>Three in ten deliveries an exact body stored before, the orders flow off.</summary>
    Mixed,

    /// <summary>Every delivery an exact body stored before.</summary>
    Duplicates,

    /// <summary>Every delivery new, of an order the shop has, the orders flow on: the orders are processed
    /// (read from the shop, written to AccountView) while deliveries keep coming.</summary>
    FlowOn,
}

/// <summary>Where a point's deliveries go: the server's process (for /proc), its address, and for Relay the
/// connection whose webhook address it is.</summary>
public sealed record IngestTarget(Server Server, int ProcessId, string BaseUrl, string Path, string? ConnectionId);

/// <summary>One measured point: wrk's figures and the server's and PostgreSQL's costs over it; for Relay also the
/// work messages its deliveries left queued when the point ended, and how long Relay took to handle them.</summary>
public sealed record IngestPoint(int Round, Server Server, Scenario Scenario, int Connections, WrkResult Result,
    long PeakRssKilobytes, double CpuMsPerRequest, double PostgresCpuMsPerRequest, double CommitsPerRequest,
    double StatementsPerRequest, int PeakConnections)
{
    public long QueuedAfter { get; init; }
    public TimeSpan SettledAfter { get; init; }

    /// <summary>Work messages still queued when the drain limit passed (0: all were handled).</summary>
    public long LeftAfterDrain { get; init; }

    public string Name => $"{Server.ToString().ToLowerInvariant()} {Label(Scenario)}@{Connections}";
    public double PeakRssMegabytes => PeakRssKilobytes / 1024.0;
    public long Errors => Result.Other + Result.SocketErrors;

    /// <summary>Requests over the run and the time Relay took afterwards to handle the work they queued: the rate
    /// it could keep up.</summary>
    public double SettledPerSecond => Result.Requests / (Result.DurationUs / 1e6 + SettledAfter.TotalSeconds);

    public static string Label(Scenario scenario) => scenario switch
    {
        Scenario.Distinct => "distinct",
        Scenario.Mixed => "30% duplicates",
        Scenario.Duplicates => "all duplicates",
        _ => "distinct, flow on",
    };
}
