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
            _ => $"{what} ({connection})",
        };
        var lines = new List<string> { title, $"Connection: {connection}" };
        if (p.Flow is { } flow) lines.Add($"Flow: {AlertDetection.FlowName(flow)}");
        if (p.EntityId is { } id) lines.Add($"{(p.Count > 1 ? "First item" : "Item")}: {Names(p.Flow).Item} {id}");
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
        AlertTrigger.WorkFailed => $"{p.Count} {Noun(p)} failed",
        AlertTrigger.WorkStalled => $"{p.Count} {Noun(p)} not processed",
        AlertTrigger.CredentialsRejected => $"{p.Subject} refused Relay's credentials",
        AlertTrigger.Unreachable => $"{p.Subject} is not answering",
        AlertTrigger.RateLimited => $"Calls to {p.Subject} wait for its rate limit",
        AlertTrigger.Test => "Test alert from Relay",
        _ => $"The {p.Subject} is not succeeding",
    };

    private static string Step(AlertProblem p) => p.Trigger switch
    {
        AlertTrigger.PollerSilent => $"running the {p.Subject}",
        AlertTrigger.CredentialsRejected or AlertTrigger.Unreachable or AlertTrigger.RateLimited =>
            $"calling {p.Subject}",
        AlertTrigger.Test => "checking the alert channels",
        _ => Names(p.Flow).Step,
    };

    private static string Noun(AlertProblem p) => p.Count == 1 ? Names(p.Flow).One : Names(p.Flow).Many;

    /// <summary>What a flow's items are called, one and many, and the step its work does.</summary>
    private static (string Item, string One, string Many, string Step) Names(Flow? flow) => flow switch
    {
        Flow.Orders => ("order", "order", "orders", "sending the order to AccountView"),
        Flow.Stock => ("SKU", "stock write", "stock writes", "writing the stock figure to CCV Shop"),
        Flow.Customers => ("customer", "customer", "customers", "sending the customer to AccountView"),
        Flow.OrderStatus => ("order", "order status", "order statuses",
            "writing AccountView's order state to CCV Shop"),
        Flow.OrdersFromAccountView => ("sales order", "sales order", "sales orders",
            "creating the AccountView order in CCV Shop"),
        _ => ("product", "product", "products", "synchronising the product"),
    };
}
