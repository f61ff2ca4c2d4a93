namespace Relay.Domain.Mapping;

/// <summary>
/// One override of the data mapper: the AccountView field <see cref="Target"/> ("order.FIELD" for the
/// sales order or invoice header, "line.FIELD" for each of its lines, "debtor.FIELD" for a debtor created
/// or updated) gets its value from exactly one of: a source field (<see cref="From"/>), a constant, or
/// source fields joined (<see cref="Concat"/>). The value is then put through <see cref="Lookup"/>,
/// <see cref="Prefix"/>, <see cref="Upper"/> and <see cref="MaxLength"/>, in that order. With <see cref="Drop"/> the
/// target field is not written at all, even where Relay would write it by default.
/// </summary>
public sealed record FieldMapping(
    string Target,
    string? From = null,
    string? Constant = null,
    IReadOnlyList<string>? Concat = null,
    string Separator = " ",
    IReadOnlyDictionary<string, string>? Lookup = null,
    string? LookupDefault = null,
    string? Prefix = null,
    bool Upper = false,
    int? MaxLength = null,
    bool Drop = false)
{
    public string Object => Target[..Target.IndexOf('.')];
    public string Field => Target[(Target.IndexOf('.') + 1)..];

    /// <summary>The value for one order (and line), from the source fields <see cref="MappingSources"/> made.</summary>
    public string Evaluate(IReadOnlyDictionary<string, string> sources)
    {
        var value = Constant
                    ?? (From is not null ? sources.GetValueOrDefault(From, "")
                        : string.Join(Separator, (Concat ?? []).Select(s => sources.GetValueOrDefault(s, "")).Where(v => v.Length > 0)));
        if (Lookup is not null)
            value = Lookup.FirstOrDefault(p => string.Equals(p.Key, value, StringComparison.OrdinalIgnoreCase)).Value ?? LookupDefault ?? value;
        if (Prefix is not null) value = Prefix + value;
        if (Upper) value = value.ToUpperInvariant();
        if (MaxLength is { } max && value.Length > max) value = value[..max];
        return value;
    }

    /// <summary>Applies the mappings of one object to its fields: an override replaces the field, adds it, or drops
    /// it.</summary>
    public static IReadOnlyList<(string Field, string Value)> Apply(IReadOnlyList<FieldMapping> mappings, string @object,
        IEnumerable<(string Field, string Value)> fields, IReadOnlyDictionary<string, string> sources) =>
        Apply<(string Field, string Value)>(mappings, @object, fields, f => f.Field, (field, value) => (field, value), sources);

    /// <summary>The same, for fields of any shape: <paramref name="nameOf"/> reads a field's name, <paramref name="make"/> makes an overridden one.</summary>
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<FieldMapping> mappings, string @object, IEnumerable<T> fields,
        Func<T, string> nameOf, Func<string, string, T> make, IReadOnlyDictionary<string, string> sources)
    {
        var result = fields.ToList();
        foreach (var mapping in mappings.Where(m => m.Object == @object))
        {
            var at = result.FindIndex(f => string.Equals(nameOf(f), mapping.Field, StringComparison.OrdinalIgnoreCase));
            if (mapping.Drop)
            {
                if (at >= 0) result.RemoveAt(at);
                continue;
            }
            var field = make(at >= 0 ? nameOf(result[at]) : mapping.Field, mapping.Evaluate(sources));
            if (at >= 0) result[at] = field;
            else result.Add(field);
        }
        return result;
    }
}
