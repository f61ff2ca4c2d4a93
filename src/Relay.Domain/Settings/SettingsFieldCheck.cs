using Relay.Domain.Mapping;

namespace Relay.Domain.Settings;

/// <summary>
/// Settings that name AccountView fields the administration does not have, by field (JSON names), for a 400 when they
/// are saved: every write that carried them would be refused. Tables whose dictionary was not read are not checked.
/// </summary>
public static class SettingsFieldCheck
{
    public static Dictionary<string, string[]> Problems(ConnectionSettings settings,
        AdministrationFields administration)
    {
        var problems = new Dictionary<string, string[]>();
        void Check(string table, string at, string? field)
        {
            if (string.IsNullOrWhiteSpace(field) || administration.Table(table) is null
                || administration.Has(table, field)) return;
            problems[at] = [$"This AccountView administration's {table} has no field {field}."];
        }

        foreach (var key in settings.Orders.DebtorDefaults.Keys) Check("CONTACT", $"orders.debtorDefaults.{key}", key);
        if (settings.Stock is { } stock)
            foreach (var (name, field) in new[] { ("physical", stock.Fields.Physical),
                ("available", stock.Fields.Available),
                         ("reserved", stock.Fields.Reserved), ("free", stock.Fields.Free) })
                if (stock.Fields.UsedBy(stock.Formula).Contains(field ?? "")) Check("ARTICLE",
                    $"stock.fields.{name}", field);
        if (settings.Products?.Fields is { } article)
            foreach (var (name, field) in new[] { ("ean", article.Ean), ("vatCode", article.VatCode),
                ("blocked", article.Blocked),
                         ("longDescription", article.LongDescription), ("imageData", article.ImageData),
                             ("imageName", article.ImageName) })
                Check("ARTICLE", $"products.fields.{name}", field);
        if (settings.OrderStatus is { } status)
            foreach (var (name, table, field) in OrderStatus.OrderStatusSettingsCheck.FieldsRead(status.Fields))
                Check(table, $"orderStatus.fields.{name}", field);
        if (settings.OrdersFromAccountView is { FilterField.Length: > 0 } fromAv)
            Check("SO_HDR", "ordersFromAccountView.filterField", fromAv.FilterField);
        foreach (var p in FieldMappingCheck.AgainstAdministration(settings.Mappings, administration,
            settings.Orders.Document))
            problems[p.Key] = p.Value;
        return problems;
    }
}
