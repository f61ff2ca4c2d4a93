using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// Sends the §3.3 summaries to every active webhook registered for an event, in the background, with a
/// few retries, several at once (<see cref="CcvShopOptions.WebhookConcurrency"/>), so no order between them is
/// promised. Deliveries can be dropped on purpose (a fault) to exercise a receiver's reconciliation.
/// </summary>
public sealed class CcvWebhookDispatcher : IAsyncDisposable
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly ConcurrentQueue<WebhookDeliveryRecord> _log = new();
    private readonly CcvShopOptions _options;
    private readonly FaultState _faults;
    private readonly HttpClient _http;
    private readonly Task[] _workers;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="handler">Where deliveries go; a test passes its in-process server's handler.</param>
    public CcvWebhookDispatcher(CcvShopOptions options, FaultState faults, HttpMessageHandler? handler = null)
    {
        _options = options;
        _faults = faults;
        _http = new HttpClient(handler ?? new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(10) };
        _workers = [.. Enumerable.Range(0, Math.Max(1, options.WebhookConcurrency)).Select(_ => Task.Run(RunAsync))];
    }

    public IReadOnlyList<WebhookDeliveryRecord> Deliveries => _log.ToArray();

    public void Enqueue(string address, string key, string @event, string body) =>
        _queue.Writer.TryWrite(new Delivery(address, key, @event, body));

    /// <summary>True when no delivery is queued or in flight (for tests waiting on a condition).</summary>
    public bool Idle => _queue.Reader.Count == 0 && Volatile.Read(ref _inFlight) == 0;
    private int _inFlight;

    private async Task RunAsync()
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                await DeliverAsync(delivery).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private async Task DeliverAsync(Delivery d)
    {
        if (_faults.TakeDroppedWebhook())
        {
            _log.Enqueue(new WebhookDeliveryRecord(d.Event, d.Address, d.Body, 0, null, Dropped: true));
            return;
        }
        int? status = null;
        var attempt = 0;
        while (attempt < _options.WebhookAttempts)
        {
            attempt++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, d.Address) { Content = new StringContent(d.Body, Encoding.UTF8, "application/json") };
                var signature = Sign(d);
                if (signature is not null) request.Headers.TryAddWithoutValidation(_options.WebhookSignatureHeader, signature);
                using var response = await _http.SendAsync(request, _stop.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                status = null;
            }
            if (attempt < _options.WebhookAttempts) await Task.Delay(_options.WebhookRetryDelay * attempt, _stop.Token).ConfigureAwait(false);
        }
        _log.Enqueue(new WebhookDeliveryRecord(d.Event, d.Address, d.Body, attempt, status, Dropped: false));
    }

    private string? Sign(Delivery d)
    {
        var message = _options.WebhookSigning switch
        {
            WebhookSigning.AddressAndBody => $"{d.Address}|{d.Body}",
            WebhookSigning.Body => d.Body,
            _ => null,
        };
        return message is null ? null : Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(d.Key), Encoding.UTF8.GetBytes(message)));
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try { await Task.WhenAll(_workers); } catch (OperationCanceledException) { }
        _http.Dispose();
        _stop.Dispose();
    }

    private sealed record Delivery(string Address, string Key, string Event, string Body);
}

public sealed record WebhookDeliveryRecord(string Event, string Address, string Body, int Attempts, int? Status, bool Dropped);

/// <summary>The §3.3 summary bodies.</summary>
public static class CcvWebhookBodies
{
    public static JsonObject Order(JsonObject order, string api, DateTimeOffset at) => new()
    {
        ["triggered_at"] = CcvSigning.FormatDate(at),
        ["href"] = $"{api}/orders/{order["id"]}",
        ["id"] = order["id"].Long(),
        ["order_number"] = order["ordernumber"]?.DeepClone(),
        ["ordernumber_prefix"] = order["ordernumber_prefix"]?.DeepClone(),
        ["ordernumber_full"] = order["ordernumber_full"]?.DeepClone(),
        ["total_price"] = order["total_price"]?.DeepClone(),
        ["customer_email"] = order["customer"]?["email"]?.DeepClone(),
        ["customer_mobile"] = "",
    };

    public static JsonObject Product(long id, string api, DateTimeOffset at) => new()
    {
        ["triggered_at"] = CcvSigning.FormatDate(at), ["href"] = $"{api}/products/{id}", ["id"] = id,
    };
}
