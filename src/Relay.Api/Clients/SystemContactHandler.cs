using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;

namespace Relay.Api.Clients;

/// <summary>
/// Outermost on the CCV Shop and AccountView clients (after their retries): tells <see cref="SystemContacts"/> how
/// each call went. An answer (even a 404) means the system is there and took the credentials; 401 and 403 (and an
/// AccountView authorisation that can no longer be refreshed) mean the credentials were refused; no answer, a
/// timeout or a 5xx mean the system is not answering; a 429 tells neither. A CCV answer not signed with the
/// shop's secret is a refusal too: the secret Relay holds is not the shop's.
/// </summary>
public sealed class SystemContactHandler(SystemContacts contacts) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (IdOf(request) is not { } contact) return await base.SendAsync(request, ct);
        var (id, system) = contact;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, ct);
        }
        catch (AccountViewAuthorizationException e)
        {
            await contacts.RefusedAsync(id, e.Message);
            throw;
        }
        catch (CcvShopException e) when (e.Code == "signature")
        {
            // The answer is not signed with the secret Relay holds: the shop has another one (§1.5).
            await contacts.RefusedAsync(id, e.DeveloperMessage);
            throw;
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct)) // here: no answer, a timeout, its token endpoint's 5xx
        {
            await contacts.NotAnsweringAsync(id, $"{system} did not answer ({e.GetType().Name}).");
            throw;
        }
        var status = (int)response.StatusCode;
        if (status is 401 or 403)
            await contacts.RefusedAsync(id, $"{system} answered {status} ({response.ReasonPhrase}).");
        else if (status >= 500)
            await contacts.NotAnsweringAsync(id, $"{system} answered {status} ({response.ReasonPhrase}).");
        else if (status != 429)
            await contacts.AnsweredAsync(id);
        return response;
    }

    private static (string Id, string System)? IdOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(CcvSigningHandler.AccessKey, out var shop)
            ? (SystemContacts.CcvShopId(shop.ShopKey), OutboundCallLog.SystemOf(CcvShopClient.HttpClientName))
            : request.Options.TryGetValue(AccountViewAuthHandler.AccessKey, out var av)
                ? (SystemContacts.AccountViewId(av.ConnectionId), "AccountView")
                : null;
}
