using Relay.Domain.Mapping;

namespace Relay.Api.Clients.AccountView;

/// <summary>Applies <see cref="FieldFit"/> (the rule, in Relay.Domain) to the fields of one write.</summary>
public static class AccountViewFit
{
    public static (IReadOnlyList<AvField> Fields,
        IReadOnlyList<string> Notes) Apply(AdministrationFields? administration, string table,
        IReadOnlyList<AvField> fields)
    {
        var fit = FieldFit.Decide(table,
            fields.Select(f => new PlannedField(f.Name, f.AsText, f.Optional)).ToList(), administration);
        var kept = fields.Where(f => !fit.Left.Contains(f.Name))
            .Select(f => fit.CutTo.TryGetValue(f.Name, out var length) ? f with { Value = f.AsText![..length] } : f)
            .ToList();
        return (kept, fit.Notes);
    }

    /// <summary>The lines of a document, fitted alike: one table, so the same fields are left out of every
    /// line.</summary>
    public static (IReadOnlyList<IReadOnlyList<AvField>> Lines, IReadOnlyList<string> Notes) ApplyToLines(
        AdministrationFields? administration, string table, IReadOnlyList<IReadOnlyList<AvField>> lines)
    {
        var fitted = lines.Select(line => Apply(administration, table, line)).ToList();
        return (fitted.Select(f => f.Fields).ToList(), fitted.SelectMany(f => f.Notes).Distinct().ToList());
    }
}
