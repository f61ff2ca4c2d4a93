using System.Security.Cryptography;
using System.Text;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Alerts;

/// <summary>
/// One problem of a connection as the rules see it now. Problems with one cause are one problem with a count
/// (500 orders failing for one reason are one), so its <see cref="Id"/> is made of the trigger, the flow or system,
/// and the cause: the same problem seen again has the same id.
/// </summary>
/// <param name="Subject">The flow or system the problem is about, in words (orders, AccountView, the stock
/// poll).</param>
/// <param name="ItemKey">The first work item it concerns (the oldest), when it concerns work items.</param>
/// <param name="EntityId">That item's business id: the order number, the SKU.</param>
public sealed record AlertProblem(string Id, AlertTrigger Trigger, Flow? Flow, string Subject, string Reason,
    string? OtherSystemMessage, string? ItemKey, string? EntityId, int Count, DateTimeOffset Since)
{
    public static string IdOf(AlertTrigger trigger, string subject, string cause)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(cause));
        return $"{trigger}:{subject}:{Convert.ToHexStringLower(hash)[..12]}".Replace(' ', '-');
    }
}
