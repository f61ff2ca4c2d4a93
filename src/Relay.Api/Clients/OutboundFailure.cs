using Polly.CircuitBreaker;
using Polly.Timeout;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;

namespace Relay.Api.Clients;

/// <summary>
/// Whether an exception means CCV Shop or AccountView failed or could not be reached (after the resilience
/// pipeline gave up): something to report or retry, not a fault in Relay.
/// </summary>
public static class OutboundFailure
{
    public static bool Is(Exception e, CancellationToken ct = default) => e switch
    {
        AccountViewException or AccountViewAuthorizationException or CcvShopException or HttpRequestException
            or BrokenCircuitException or TimeoutRejectedException => true,
        TaskCanceledException => !ct.IsCancellationRequested, // an HttpClient timeout, not the caller giving up
        _ => false,
    };

    /// <summary>Which system failed, for a merchant.</summary>
    public static string SystemOf(Exception e) => e switch
    {
        CcvShopException => "CCV Shop",
        AccountViewException or AccountViewAuthorizationException => "AccountView",
        _ => e.Data[OutboundCallLog.SystemKey] as string ?? "The other system",
    };

    /// <summary>What the other system said, for a merchant: CCV's own message when it answered.</summary>
    public static string Describe(Exception e) => e is CcvShopException ccv ? $"CCV Shop answered {ccv.Status}: {ccv.DeveloperMessage}" : e.Message;

    /// <summary>
    /// A failure for an audit trail's reason: AccountView's own words are left out, since they are kept beside the
    /// reason (the failure's AccountView message), where retention masks them: they may quote a name back.
    /// </summary>
    public static string Reason(Exception e) =>
        e is AccountViewException av ? $"AccountView answered {av.Status} {av.ErrorType}" : Describe(e);
}
