namespace Relay.Benchmarks;

/// <summary>`orders` (the default), `stock`, `products` or `outage`, then the benchmark's own options (see README).</summary>
public static class Benchmarks
{
    public static Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "stock" => StockBenchmark.RunAsync(args[1..]),
        "products" => ProductImportBenchmark.RunAsync(args[1..]),
        "orders" => OrderLatencyBenchmark.RunAsync(args[1..]),
        "outage" => OutageDrill.RunAsync(args[1..]),
        _ => OrderLatencyBenchmark.RunAsync(args),
    };
}
