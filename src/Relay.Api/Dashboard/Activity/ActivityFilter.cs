using Relay.Domain.WorkItems;

namespace Relay.Api.Dashboard.Activity;

/// <summary>The activity log's filter as the query string gives it: words, checked here, passed to the API's
/// list.</summary>
public sealed record ActivityFilter(string? Flow, string? Status, string? Text, string? Order, string? From,
    string? To, int Page)
{
    public const int PageSize = 25;

    /// <summary>Each part the list cannot take, by its query name; empty when all is well.</summary>
    public Dictionary<string, string[]> Problems(Func<string, string> text)
    {
        var problems = new Dictionary<string, string[]>();
        if (Flow is { Length: > 0 } && ParsedFlow is null) problems["flow"] = [text("Filter.BadFlow")];
        if (Status is { Length: > 0 } && ParsedStatus is null) problems["status"] = [text("Filter.BadStatus")];
        if (From is { Length: > 0 } && Day(From) is null) problems["from"] = [text("Filter.BadDay")];
        if (To is { Length: > 0 } && Day(To) is null) problems["to"] = [text("Filter.BadDay")];
        return problems;
    }

    public Flow? ParsedFlow => Enum.TryParse<Flow>(Flow, out var f) && Enum.IsDefined(f) && !int.TryParse(Flow, out _)
        ? f : null;

    public WorkStatus? ParsedStatus =>
        Enum.TryParse<WorkStatus>(Status, out var s) && Enum.IsDefined(s) && !int.TryParse(Status, out _) ? s : null;

    /// <summary>From the start of the first day; to the end of the last day (the list's 'to' is exclusive).</summary>
    public DateTimeOffset? FromTime => Day(From);

    public DateTimeOffset? ToTime => Day(To)?.AddDays(1);

    public string? TextOrNull => string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();

    public string? OrderOrNull => string.IsNullOrWhiteSpace(Order) ? null : Order.Trim();

    /// <summary>This filter's query string at another page.</summary>
    public string Query(int page) => string.Join('&', new[]
        {
            ("flow", Flow), ("status", Status), ("text", Text), ("order", Order), ("from", From), ("to", To),
            ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    private static DateTimeOffset? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
