using System.Globalization;

namespace Relay.Api.Dashboard.Setup;

/// <summary>
/// A list setting edited as rows of a form (VAT codes per country, payment mappings, ...). The rows filled in
/// become the list, in order, and a row left empty is not used (that is how a row is removed). The form shows the
/// filled rows first and empty ones below for new entries, so its row i is the list's item i and the API's errors
/// of an item ("vatCodes[1].code") name the form's row.
/// </summary>
public static class FormRows
{
    /// <summary>Empty rows offered below the used ones, for new entries.</summary>
    public const int Spare = 2;

    /// <summary>The filled rows, then the spare empty ones.</summary>
    public static List<TRow> WithSpare<TRow>(IEnumerable<TRow>? rows, Func<TRow, bool> used) where TRow : new() =>
        [.. (rows ?? []).Where(used), .. Enumerable.Range(0, Spare).Select(_ => new TRow())];

    /// <summary>A percentage as typed, with a dot or a (Dutch) decimal comma; null when it is not a number.</summary>
    public static decimal? Rate(string? text) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture,
            out var rate) ? rate : null;

    public static string Text(decimal? rate) => rate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static bool Filled(string? text) => !string.IsNullOrWhiteSpace(text);

    public static string? NoneIfEmpty(string? code) => Filled(code) ? code!.Trim() : null;
}
