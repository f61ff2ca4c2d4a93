using Relay.Domain.OrderStatus;

namespace Relay.Domain.OrdersFromAccountView;

public static class AccountViewOrderSettingsCheck
{
    /// <summary>What is wrong with the settings, by field (camelCase, as in the body).</summary>
    public static IReadOnlyDictionary<string, string[]> Problems(AccountViewOrderSettings s)
    {
        var problems = new Dictionary<string, string[]>();
        if (s.PollSeconds is < 15 or > 86_400) problems["pollSeconds"] = ["Between 15 seconds and a day."];
        if (s.FilterField is null || !s.FilterField.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            problems["filterField"] = [$"'{s.FilterField}' is not an AccountView field name (letters, digits, _)."];
        else if (s.FilterField.Length > 0 && s.FilterValues is not { Count: > 0 })
            problems["filterValues"] = ["Name at least one value of the filter field."];
        if (s.FilterValues is null) problems["filterValues"] = ["A list, empty when there is no filter field."];
        if (s.ReferencePrefix is not { Length: >= 2 and <= 10 })
            problems["referencePrefix"] = ["2 to 10 characters, so the shop's reference is Relay's."];
        if (!ShopStatuses.IsKnown(s.Status))
            problems["status"] = [$"{s.Status} is not a CCV Shop order status: 1 to 14."];
        return problems;
    }
}
