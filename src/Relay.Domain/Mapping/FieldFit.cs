namespace Relay.Domain.Mapping;

/// <summary>A field Relay means to write: its name, its value as text, and whether it is one of the optional
/// ones.</summary>
/// <param name="Optional">
/// Not seen in any working connector's writes to this table (accountview-api.md §3.6–§3.9): written only where the
/// administration's dictionary has it. Fields of the reference's examples, the merchant's own defaults and data-mapper
/// overrides are not optional.
/// </param>
public sealed record PlannedField(string Name, string? Text, bool Optional);

/// <summary>What a write keeps: the fields to leave out, the ones to cut to length, and why, in words.</summary>
public sealed record FieldFitResult(IReadOnlySet<string> Left, IReadOnlyDictionary<string, int> CutTo,
    IReadOnlyList<string> Notes);

/// <summary>The rule that fits a write to what the administration has.</summary>
public static class FieldFit
{
    /// <summary>
    /// With the table's dictionary: every field it lacks is left out, and text longer than a character field is cut
    /// to its
    /// length. Without it (the dictionary could not be read): only the optional fields are left out.
    /// </summary>
    public static FieldFitResult Decide(string table, IReadOnlyList<PlannedField> fields,
        AdministrationFields? administration)
    {
        var known = administration?.Table(table);
        var left = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var cut = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            var spec = known?.FirstOrDefault(f =>
                string.Equals(f.Name, field.Name, StringComparison.OrdinalIgnoreCase));
            if (known is null ? field.Optional : spec is null) left.Add(field.Name);
            // Only free text is cut: a code cut short could name another record; a length the dictionary does not
            // give is unknown.
            else if (spec is { Type: "C", Code: false, Length: > 0 }
                && field.Text?.Length > spec.Length) cut[field.Name] = spec.Length;
        }
        var notes = new List<string>();
        if (left.Count > 0)
            notes.Add(known is null
                ? $"Left out of {table}: {string.Join(", ", left)} (not known to exist there, and the administration's "
                  + "data dictionary could not be read)."
                : $"Left out of {table}: {string.Join(", ", left)} (this administration's {table} has no such field).");
        if (cut.Count > 0)
            notes.Add($"Cut to the field length of {table}: "
                + $"{string.Join(", ", cut.Select(c => $"{c.Key} ({c.Value})"))}.");
        return new FieldFitResult(left, cut, notes);
    }
}
