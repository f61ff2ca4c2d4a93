namespace Relay.Benchmarks;

/// <summary>`orders` (the default), `stock`, `products`, `outage`, `replicas`, `starvation`, `spread` or `ingest`,
/// then the benchmark's own options (see docs/benchmarks.md). `reference-server` is the ingest benchmark's reference
/// process.</summary>
public static class Benchmarks
{
    public static Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "stock" => StockBenchmark.RunAsync(args[1..]),
        "products" => ProductImportBenchmark.RunAsync(args[1..]),
        "orders" => OrderLatencyBenchmark.RunAsync(args[1..]),
        "outage" => OutageDrill.RunAsync(args[1..]),
        "replicas" => Drills.ReplicaDrill.RunAsync(args[1..]),
        "starvation" => Drills.StarvationDrill.RunAsync(args[1..]),
        "spread" => Drills.SpreadLatencyBenchmark.RunAsync(args[1..]),
        "ingest" => Ingest.IngestBenchmark.RunAsync(args[1..]),
        "reference-server" => Ingest.ReferenceServer.RunAsync(args[1..]),
        _ => OrderLatencyBenchmark.RunAsync(args),
    };
}
