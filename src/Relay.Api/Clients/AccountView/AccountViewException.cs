namespace Relay.Api.Clients.AccountView;

/// <summary>
/// An AccountView answer in the error shape (§2.6), with AccountView's own message kept for the audit
/// trail. Permanent (a validation error: do not retry) unless it is a server or throttling error.
/// </summary>
public sealed class AccountViewException(int status, string errorType, string message)
    : Exception($"AccountView {status} {errorType}: {message}")
{
    public int Status { get; } = status;
    public string ErrorType { get; } = errorType;
    public string AccountViewMessage { get; } = message;
    public bool IsPermanent => Status is >= 400 and < 500 and not (401 or 408 or 429);
}

/// <summary>Relay can no longer get an access token: the user must authorise Relay again.</summary>
public sealed class AccountViewAuthorizationException(string message) : Exception(message);
