namespace Relay.Benchmarks;

/// <summary>`orders` (the default), `stock`, `products`, `outage`, `replicas`, `starvation` or `spread`, then the benchmark's own options (see README).</summary>
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
        _ => OrderLatencyBenchmark.RunAsync(args),
    };
}
