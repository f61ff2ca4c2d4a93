using Relay.Domain.WorkItems;

namespace Relay.Domain.Alerts;

public enum AlertNoticeKind
{
    Started,
    Reminder,
    Resolved,
    Test,
}

/// <summary>An alert message in plain words: a title for a subject line, and the text of the message.</summary>
public sealed record AlertMessage(string Title, string Text);

/// <summary>
/// What an alert says: the connection, the flow, the item (order number), the step, the reason, the other system's
/// own message, and where to see the audit entry and replay it.
/// </summary>
public static class AlertText
{
    public static AlertMessage Compose(AlertNoticeKind kind, string connection, AlertProblem p, string? auditUrl,
        string? replayUrl)
    {
        var what = Headline(p);
        var title = kind switch
        {
            AlertNoticeKind.Resolved => $"Resolved: {what} ({connection})",
            AlertNoticeKind.Reminder => $"Still open: {what} ({connection})",
            AlertNoticeKind.Test => $"Test alert from Relay ({connection})",
            _ => $"{what} ({connection})",
        };
        var lines = new List<string> { title, $"Connection: {connection}" };
        if (p.Flow is { } flow) lines.Add($"Flow: {AlertDetection.FlowName(flow)}");
        if (p.EntityId is { } id) lines.Add($"{(p.Count > 1 ? "First item" : "Item")}: {ItemName(p.Flow)} {id}");
        if (p.Count > 1) lines.Add($"Items affected: {p.Count}");
        lines.Add($"Step: {Step(p)}");
        lines.Add($"Reason: {p.Reason}");
        if (p.OtherSystemMessage is { } said) lines.Add($"Its own message: {said}");
        if (auditUrl is not null) lines.Add($"Audit: {auditUrl}");
        if (replayUrl is not null && kind != AlertNoticeKind.Resolved) lines.Add($"Replay: POST {replayUrl}");
        return new AlertMessage(title, string.Join('\n', lines));
    }

    private static string Headline(AlertProblem p) => p.Trigger switch
    {
        AlertTrigger.WorkFailed => p.Count == 1 ? $"1 {One(p.Flow)} failed" : $"{p.Count} {Many(p.Flow)} failed",
        AlertTrigger.WorkStalled => $"{p.Count} {(p.Count == 1 ? One(p.Flow) : Many(p.Flow))} not processed",
        AlertTrigger.CredentialsRejected => $"{p.Subject} refused Relay's credentials",
        AlertTrigger.Unreachable => $"{p.Subject} is not answering",
        AlertTrigger.RateLimited => $"Calls to {p.Subject} wait for its rate limit",
        _ => $"The {p.Subject} is not succeeding",
    };

    private static string Step(AlertProblem p) => p.Trigger switch
    {
        AlertTrigger.PollerSilent => $"running the {p.Subject}",
        AlertTrigger.CredentialsRejected or AlertTrigger.Unreachable or AlertTrigger.RateLimited =>
            $"calling {p.Subject}",
        _ => p.Flow switch
        {
            Flow.Orders => "sending the order to AccountView",
            Flow.Stock => "writing the stock figure to CCV Shop",
            Flow.Products => "synchronising the product",
            _ => "sending the customer to AccountView",
        },
    };

    private static string ItemName(Flow? flow) => flow switch
    {
        Flow.Orders => "order",
        Flow.Stock => "SKU",
        Flow.Customers => "customer",
        _ => "product",
    };

    private static string One(Flow? flow) => flow switch
    {
        Flow.Orders => "order",
        Flow.Stock => "stock write",
        Flow.Customers => "customer",
        _ => "product",
    };

    private static string Many(Flow? flow) => flow switch
    {
        Flow.Orders => "orders",
        Flow.Stock => "stock writes",
        Flow.Customers => "customers",
        _ => "products",
    };
}
