using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>How far a sales order is delivered: the lines' DEL_QTY against their ORD_QTY.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(
    System.Text.Json.Serialization.JsonStringEnumConverter<SimulatedDelivery>))]
public enum SimulatedDelivery
{
    None,

    /// <summary>The first line delivered, the others not.</summary>
    Partly,
    Fully,
}

/// <summary>A change of a sales order's state, as the warehouse or the bookkeeper makes it; null leaves a
/// part.</summary>
public sealed record SalesOrderStateChange(SimulatedDelivery? Delivery = null, string? InvoiceNumber = null,
    bool? Cancelled = null, string? TrackAndTrace = null, string? Carrier = null, bool? Paid = null);

/// <summary>A sales order entered in AccountView by hand (a phone or B2B order).</summary>
/// <param name="Fields">Other SO_HDR fields (an order type, a sales rep), by name.</param>
public sealed record EnteredSalesOrder(string Debtor, IReadOnlyList<EnteredSalesOrderLine> Lines,
    Dictionary<string, string>? Fields = null);

public sealed record EnteredSalesOrderLine(string ArticleCode, decimal Quantity, decimal UnitPrice);

/// <summary>
/// Sales orders' life after they are written: delivered, invoiced, cancelled, paid and tracked. The fields are the
/// simulator's (§3.7 marks the status fields unknown) and move CNG_DATE, as any change does (§4.2).
/// </summary>
public static class AccountViewSalesOrders
{
    public static bool Change(AccountViewSimulator sim, string number, SalesOrderStateChange change)
    {
        lock (sim.Store.Gate)
        {
            var company = sim.Options.Companies[0].Id;
            var header = sim.Store.Find(company, "SO_HDR", "ORD_NR", number);
            if (header is null) return false;
            var stamp = AccountViewStore.Timestamp(sim.Clock.GetUtcNow());
            if (change.Delivery is { } delivery)
            {
                var lines = sim.Store.Table(company, "SO_LINE").Where(l => l["ORD_NR"]?.ToString() == number).ToList();
                for (var i = 0; i < lines.Count; i++)
                {
                    var all = delivery == SimulatedDelivery.Fully || (delivery == SimulatedDelivery.Partly && i == 0);
                    lines[i]["DEL_QTY"] = all ? lines[i]["ORD_QTY"]?.DeepClone() : 0;
                    lines[i]["CNG_DATE"] = stamp;
                }
            }
            if (change.InvoiceNumber is { } invoice) header["INV_NR"] = invoice;
            if (change.Cancelled is { } cancelled) header["ORD_CANC"] = cancelled;
            if (change.TrackAndTrace is { } code) header["TT_CODE"] = code;
            if (change.Carrier is { } carrier) header["TT_CARRIER"] = carrier;
            if (change.Paid is { } paid) header["PAID_FLG"] = paid;
            header["CNG_DATE"] = stamp;
            return true;
        }
    }

    /// <returns>The new order's number.</returns>
    public static string Enter(AccountViewSimulator sim, EnteredSalesOrder order)
    {
        lock (sim.Store.Gate)
        {
            var company = sim.Options.Companies[0].Id;
            var number = sim.Store.NextNumber();
            var stamp = AccountViewStore.Timestamp(sim.Clock.GetUtcNow());
            var header = new JsonObject
            {
                ["ORD_NR"] = number, ["RPL_INV"] = order.Debtor, ["RPL_DEL"] = order.Debtor, ["ORD_DATE"] = stamp,
                ["COMMENT1"] = "", ["INP_DATE"] = stamp, ["CNG_DATE"] = stamp,
            };
            foreach (var (name, value) in order.Fields ?? []) header[name.ToUpperInvariant()] = value;
            sim.Store.Table(company, "SO_HDR").Add(header);
            var line = 0;
            foreach (var l in order.Lines)
                sim.Store.Table(company, "SO_LINE").Add(new JsonObject
                {
                    ["ORD_NR"] = number, ["LINE_NR"] = ++line, ["ART_CODE"] = l.ArticleCode, ["ORD_QTY"] = l.Quantity,
                    ["ART_PX"] = l.UnitPrice, ["DEL_QTY"] = 0, ["INP_DATE"] = stamp, ["CNG_DATE"] = stamp,
                });
            return number;
        }
    }
}
