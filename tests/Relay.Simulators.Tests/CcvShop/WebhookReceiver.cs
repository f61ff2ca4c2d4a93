using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Relay.Simulators.Tests.CcvShop;

/// <summary>A real HTTP receiver on loopback that records webhook deliveries; it can fail the first N, or hold every
/// delivery until released (counting how many it holds at once).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failFirst;
    private TaskCompletionSource? _hold;
    private int _inFlight;
    private int _mostInFlight;

    /// <summary>Deliveries being answered now, and the most at once so far.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>Answers the deliveries held, and those after, at once.</summary>
    public void Release() => _hold?.TrySetResult();

    public ConcurrentQueue<(string Path, string Body, string? Signature)> Received { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, bool hold = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app)
        {
            _failFirst = failFirst, _hold = hold ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null,
        };
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var now = Interlocked.Increment(ref receiver._inFlight);
            for (var most = receiver.MostInFlight; now > most; most = receiver.MostInFlight)
                Interlocked.CompareExchange(ref receiver._mostInFlight, now, most);
            try
            {
                if (receiver._hold is { } held) await held.Task;
            }
            finally
            {
                Interlocked.Decrement(ref receiver._inFlight);
            }
            if (Interlocked.Decrement(ref receiver._failFirst) >= 0) return Results.StatusCode(503);
            receiver.Received.Enqueue((http.Request.Path.Value!, body, http.Request.Headers["x-hash"].FirstOrDefault()));
            return Results.Accepted();
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
