using System.Text.RegularExpressions;

namespace Relay.Api.Features.Health;

/// <summary>
/// <c>dotnet Relay.Api.dll --health-check</c>: asks the Relay running beside it for <c>/health/ready</c> and exits 0
/// (ready) or 1. The container's HEALTHCHECK runs it, because the aspnet runtime image has no curl or wget.
/// </summary>
public static class HealthProbe
{
    public const string Switch = "--health-check";

    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var answer = await client.GetAsync(new Uri(ReadyAddress(configuration)));
            Console.WriteLine($"/health/ready: {(int)answer.StatusCode}");
            return answer.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"/health/ready: no answer ({e.GetType().Name})");
            return 1;
        }
    }

    /// <summary>
    /// The first plain http address Relay listens on (<c>urls</c>: ASPNETCORE_URLS or --urls; else the HTTP_PORTS the
    /// aspnet image sets; else Kestrel's default), a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>)
    /// made the loopback address.
    /// </summary>
    public static string ReadyAddress(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', Options);
        var port = (configuration["http_ports"] ?? "").Split([';', ','], Options).FirstOrDefault();
        var url = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? urls.FirstOrDefault() ?? $"http://localhost:{port ?? "5000"}";
        return Wildcard.Replace(url, "${scheme}127.0.0.1").TrimEnd('/') + "/health/ready";
    }

    private const StringSplitOptions Options = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    private static readonly Regex Wildcard = new(@"^(?<scheme>\w+://)(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)");
}
