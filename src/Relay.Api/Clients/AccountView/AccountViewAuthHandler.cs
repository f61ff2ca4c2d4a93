using System.Net;
using System.Net.Http.Headers;

namespace Relay.Api.Clients.AccountView;

/// <summary>
/// Puts the bearer token and x-company (§1.3) on every attempt; on a 401 it gets a fresh token once
/// and sends the request again.
/// </summary>
public sealed class AccountViewAuthHandler(AccountViewTokens tokens) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<AccountViewAccess> AccessKey = new("av.access");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!request.Options.TryGetValue(AccessKey, out var access)) throw new InvalidOperationException("An AccountView request needs its access.");
        var token = await tokens.GetAccessTokenAsync(access, rejected: null, ct);
        var response = await base.SendAsync(Authorise(request, access, token), ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        var fresh = await tokens.GetAccessTokenAsync(access, rejected: token, ct);
        using var again = await CloneAsync(request, ct);
        return await base.SendAsync(Authorise(again, access, fresh), ct);
    }

    private static HttpRequestMessage Authorise(HttpRequestMessage request, AccountViewAccess access, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Remove("x-company");
        // companies needs no company (§1.3); every data call does.
        if (!request.RequestUri!.AbsolutePath.EndsWith("/companies", StringComparison.OrdinalIgnoreCase))
            request.Headers.Add("x-company", access.CompanyId);
        return request;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        if (request.Content is not null)
        {
            clone.Content = new StringContent(await request.Content.ReadAsStringAsync(ct));
            clone.Content.Headers.ContentType = request.Content.Headers.ContentType;
        }
        foreach (var header in request.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        return clone;
    }
}
