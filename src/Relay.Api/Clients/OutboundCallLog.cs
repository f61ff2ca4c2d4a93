using System.Diagnostics;
using Relay.Api.Infrastructure.Telemetry;

namespace Relay.Api.Clients;

/// <summary>
/// One Debug line per outbound call (method, host, status, milliseconds), around the resilience pipeline, so retries
/// inside it count as one call. The path and query are left out: they can carry an e-mail address (a debtor look-up).
/// HttpClient's and Polly's own Information lines are switched off in appsettings.json. The same place measures
/// each call's time and counts its errors per system (<see cref="RelayMetrics.OutboundCall"/>).
/// </summary>
/// <param name="client">The named client: tells which system a failure came from, for the 502 a route answers.</param>
public sealed partial class OutboundCallLog(ILogger<OutboundCallLog> logger, string client,
    RelayMetrics? metrics = null)
    : DelegatingHandler
{
    public const string SystemKey = "Relay.System";

    /// <summary>Which system a named client reaches.</summary>
    public static string SystemOf(string client) =>
        client.StartsWith("ccvshop", StringComparison.Ordinal) ? "CCV Shop"
        : client.StartsWith("accountview", StringComparison.Ordinal) ? "AccountView" : "The other system";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var host = request.RequestUri?.Authority ?? "";
        try
        {
            var response = await base.SendAsync(request, ct);
            var took = Stopwatch.GetElapsedTime(started);
            Called(logger, request.Method.Method, host, (int)response.StatusCode, took.TotalMilliseconds);
            var status = (int)response.StatusCode;
            metrics?.OutboundCall(SystemOf(client), took, status is 429 or >= 500 ? status.ToString() : null);
            return response;
        }
        catch (Exception e)
            when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
                                      or Polly.CircuitBreaker.BrokenCircuitException)
        {
            var took = Stopwatch.GetElapsedTime(started);
            Failed(logger, request.Method.Method, host, e.GetType().Name, took.TotalMilliseconds);
            metrics?.OutboundCall(SystemOf(client), took, e.GetType().Name);
            e.Data[SystemKey] = SystemOf(client);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Host} answered {Status} in {Milliseconds:0} ms")]
    private static partial void Called(ILogger logger, string method, string host, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Host} failed ({Error}) after {Milliseconds:0} ms")]
    private static partial void Failed(ILogger logger, string method, string host, string error, double milliseconds);
}
