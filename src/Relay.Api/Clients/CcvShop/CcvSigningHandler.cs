using System.Security.Cryptography;
using System.Text;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// Signs each attempt (so a retry carries a fresh x-date) and, when asked, checks the response signature
/// (§1.5). It sits inside the resilience handler, right before the wire.
/// </summary>
public sealed class CcvSigningHandler(TimeProvider clock, CcvShopClientOptions options, CcvTraffic traffic) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<CcvShopAccess> AccessKey = new("ccv.access");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!request.Options.TryGetValue(AccessKey, out var access))
            throw new InvalidOperationException("A CCV Shop request needs its shop's access.");
        // The body is a string content built once by the client; hash exactly those bytes.
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var target = request.RequestUri!.PathAndQuery;
        var date = CcvRequestSigner.Date(clock.GetUtcNow());
        request.Headers.Remove("x-public");
        request.Headers.Remove("x-date");
        request.Headers.Remove("x-hash");
        request.Headers.Add("x-public", access.PublicKey);
        request.Headers.Add("x-date", date);
        request.Headers.Add("x-hash", CcvRequestSigner.Hash(access.SecretKey, access.PublicKey, request.Method.Method, target, body, date));

        HttpResponseMessage response;
        using (traffic.Enter()) response = await base.SendAsync(request, ct);
        if (options.VerifyResponseSignatures && response.IsSuccessStatusCode) await VerifyAsync(request, response, access, target, ct);
        return response;
    }

    private static async Task VerifyAsync(HttpRequestMessage request, HttpResponseMessage response, CcvShopAccess access, string target, CancellationToken ct)
    {
        var date = response.Headers.TryGetValues("x-date", out var d) ? d.First() : null;
        var hash = response.Headers.TryGetValues("x-hash", out var h) ? h.First() : null;
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct);
        var expected = date is null ? null : CcvRequestSigner.Hash(access.SecretKey, access.PublicKey, request.Method.Method, target, body, date);
        if (hash is null || expected is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(hash.ToLowerInvariant())))
            throw new CcvShopException(0, "signature", "The CCV Shop answer is not signed with this shop's secret (§1.5).");
    }
}

/// <summary>Requests to CCV Shop on the wire right now (tests move a fake clock only while this is zero).</summary>
public sealed class CcvTraffic
{
    private int _onTheWire;

    public int OnTheWire => Volatile.Read(ref _onTheWire);

    public IDisposable Enter()
    {
        Interlocked.Increment(ref _onTheWire);
        return new Exit(this);
    }

    private sealed class Exit(CcvTraffic traffic) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref traffic._onTheWire);
    }
}
