using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;

namespace Relay.Api.Features.Connections;

/// <summary>Whether each system accepts the stored credentials, and if not, what to do, in a merchant's words.</summary>
public sealed record ConnectionCheckResponse(SystemCheck CcvShop, SystemCheck AccountView);

public sealed record SystemCheck(bool Ok, string Message);

/// <summary>
/// Calls both systems with a connection's credentials. CCV Shop's codes for refused signatures are not
/// public (ccvshop-api.md §2.5, §8.2): the sub-codes below are the simulator's; anything else falls back
/// to the status and CCV's own message.
/// </summary>
public sealed class ConnectionChecker(CcvShopClient ccv, AccountViewClient accountView, AccountViewTokens tokens,
    AdministrationDictionary dictionary)
{
    public async Task<ConnectionCheckResponse> CheckAsync(ConnectionDocument connection, CancellationToken ct) =>
        new(await CheckShopAsync(connection.ShopAccess(), ct), await CheckAccountViewAsync(connection, ct));

    private async Task<SystemCheck> CheckShopAsync(CcvShopAccess shop, CancellationToken ct)
    {
        try
        {
            var paymethods = await ccv.ListPaymethodsAsync(shop, ct);
            return new SystemCheck(true, $"CCV Shop accepts the keys ({paymethods.Count} payment methods active).");
        }
        catch (CcvShopException e) when (e.Status is 401 or 403)
        {
            return new SystemCheck(false, e.Code[^3..] switch
            {
                ".11" => "CCV Shop does not know this API public key. Copy the public key from the shop's API settings again.",
                ".13" => "CCV Shop refused the request time: this server's clock is more than five minutes off. Synchronise its clock (NTP).",
                ".14" => "CCV Shop refused the signature: the secret key does not belong to this public key. Copy the secret key again.",
                _ => $"CCV Shop refused the credentials: {e.DeveloperMessage}",
            });
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            return new SystemCheck(false, $"There is no CCV Shop API at {shop.BaseUrl}. Check the shop address (its root, without /api).");
        }
        catch (CcvShopException e)
        {
            return new SystemCheck(false, $"CCV Shop answered {e.Status}: {e.DeveloperMessage}. Try again later.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return new SystemCheck(false, $"CCV Shop could not be reached at {shop.BaseUrl}. Check the address and try again later.");
        }
    }

    private async Task<SystemCheck> CheckAccountViewAsync(ConnectionDocument connection, CancellationToken ct)
    {
        if (connection.AccountViewAccess() is not { } access)
            return new SystemCheck(false, "No AccountView credentials are set for this connection.");
        try
        {
            await tokens.GetAccessTokenAsync(access, rejected: null, ct);
            var companies = await accountView.GetCompaniesAsync(access, ct);
            var available = string.Join(", ", companies.Select(c => $"{c.Description} ({c.Id})"));
            if (string.IsNullOrEmpty(access.CompanyId))
                return new SystemCheck(false, $"No AccountView company is chosen (the x-company of every call). Choose one of: {available}.");
            if (companies.All(c => c.Id != access.CompanyId))
                return new SystemCheck(false, $"The authorised AccountView user has no access to company '{access.CompanyId}'. Available: {available}.");
            await accountView.ReadAsync(access, "VA1", [], 1, ct: ct);
            var scope = await tokens.GetScopeAsync(access.ConnectionId, ct);
            if (scope is not null && !scope.Contains("updateaccountviewdata", StringComparison.Ordinal))
                return new SystemCheck(false, "Relay may read but not write in AccountView: authorise Relay again and allow it to change data.");
            // Verify time is when the dictionary is read (and then kept): the merchant sees at once whether it
            // could be.
            var read = await dictionary.RefreshAsync(connection, ct);
            var fields = read.Problem is null
                ? $" Its data dictionary was read ({read.Fields!.Tables.Count} tables): Relay writes only the "
                    + $"fields it lists."
                : $" Its data dictionary could not be read ({read.Problem}): Relay writes only the fields known to "
                    + $"exist.";
            return new SystemCheck(true, $"AccountView accepts Relay for company '{access.CompanyId}'.{fields}");
        }
        catch (AccountViewAuthorizationException e)
        {
            return new SystemCheck(false, e.Message);
        }
        catch (AccountViewException e) when (e.Status == 403)
        {
            return new SystemCheck(false, $"The authorised AccountView user lacks the rights for this: {e.AccountViewMessage}");
        }
        catch (AccountViewException e)
        {
            return new SystemCheck(false, $"AccountView answered {e.Status}: {e.AccountViewMessage}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return new SystemCheck(false, $"AccountView could not be reached at {access.BaseUrl}. Try again later.");
        }
    }
}
