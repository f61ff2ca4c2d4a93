namespace Relay.Benchmarks.Drills;

/// <summary>
/// A load balancer in front of the replicas, as a message handler: each request goes to the next replica in
/// turn, and to the one after when a replica does not take it (refused or cut off: it was killed). The
/// simulated shops deliver their webhooks through it, and the drill makes its admin calls through it.
/// </summary>
public sealed class Balancer(IReadOnlyList<RelayReplica> replicas) : HttpMessageHandler
{
    /// <summary>The address every replica is told it is reached at (Relay:PublicBaseUrl).</summary>
    public const string PublicUrl = "http://relay.lb";

    private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(10),
    });
    private int _next;
    private int _retried;

    /// <summary>Requests a replica did not take, sent on to the next.</summary>
    public int Retried => Volatile.Read(ref _retried);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(ct);
        var start = Interlocked.Increment(ref _next);
        HttpRequestException? last = null;
        for (var i = 0; i < replicas.Count; i++)
        {
            var replica = replicas[(start + i) % replicas.Count];
            if (!replica.Running) continue;
            using var copy = Copy(request, replica, body);
            try
            {
                return await _inner.SendAsync(copy, ct);
            }
            catch (HttpRequestException e)
            {
                last = e;
                Interlocked.Increment(ref _retried);
            }
        }
        throw last ?? new HttpRequestException("No replica is running.");
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, RelayReplica replica, byte[]? body)
    {
        var target = new Uri(new Uri(replica.BaseUrl), request.RequestUri!.PathAndQuery);
        var copy = new HttpRequestMessage(request.Method, target);
        foreach (var (name, values) in request.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
                copy.Content.Headers.TryAddWithoutValidation(name, values);
        }
        return copy;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
