namespace Relay.Domain.Mapping;

/// <summary>One field of an AccountView table, as the administration's data dictionary (DCT_FLD) gives it.</summary>
/// <param name="Code">The "!" input format (FLD_FMT): a code stored upper case, such as a debtor number or a VAT
/// code.</param>
public sealed record FieldSpec(string Name, string Type, int Length, bool Mandatory, string Description,
    bool Code = false);

/// <summary>
/// What one AccountView administration has: per table the fields it knows, and the business objects it
/// knows (accountview-api.md §3.1, Example 9). Read from the administration itself, because AccountView
/// refuses a field or a business object it does not have, and administrations differ.
/// </summary>
/// <param name="BusinessObjects">The business-object codes; null when the list could not be read.</param>
public sealed record AdministrationFields(
    IReadOnlyDictionary<string, IReadOnlyList<FieldSpec>> Tables,
    IReadOnlyList<string>? BusinessObjects)
{
    public IReadOnlyList<FieldSpec>? Table(string table) =>
        Tables.FirstOrDefault(t => string.Equals(t.Key, table, StringComparison.OrdinalIgnoreCase)).Value;

    public FieldSpec? Field(string table, string field) =>
        Table(table)?.FirstOrDefault(f => string.Equals(f.Name, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the table has the field; a table whose fields were not read is not known to have any.</summary>
    public bool Has(string table, string field) => Field(table, field) is not null;

    /// <summary>Whether the administration has the business object; unknown (true) when the list was not
    /// read.</summary>
    public bool HasObject(string code) =>
        BusinessObjects is null || BusinessObjects.Contains(code, StringComparer.OrdinalIgnoreCase);
}
