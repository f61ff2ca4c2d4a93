using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>The built-in demo shop: the demo catalogue, categories, paymethods, customers and a few orders.</summary>
public static class CcvShopSeed
{
    public static void Fill(CcvShopStore store, int products, int orders, DateTimeOffset now)
    {
        foreach (var (id, psp, method, label) in new[] { (1L, "Mollie", "iDEAL", "iDEAL"), (2L, "Mollie", "Bancontact", "Bancontact"), (3L, "Bank", "Transfer", "Vooraf overmaken"), (4L, "PayPal", "PayPal", "PayPal") })
            store.Add("paymethods", CcvResources.Paymethod(id, psp, method, label));

        store.Add("attributes", new JsonObject { ["id"] = 301, ["name"] = "Maat", ["type"] = "option_menu_required" });
        store.Add("attributes", new JsonObject { ["id"] = 302, ["name"] = "Kleur", ["type"] = "option_menu_required" });
        foreach (var size in new[] { "S", "M", "L" })
            store.Add("attributevalues", new JsonObject { ["id"] = CcvResources.SizeValueId(size), ["name"] = size, ["default_price"] = 0, ["attribute_id"] = 301 });
        store.Add("attributevalues", new JsonObject { ["id"] = 4101, ["name"] = "Zwart", ["default_price"] = 0, ["attribute_id"] = 302 });

        var categories = new Dictionary<string, long>();
        foreach (var (code, name) in DemoCatalogue.Groups)
            categories[code] = store.Add("categories", CcvResources.Category(name, categories.Count + 1))["id"].Long();

        foreach (var item in DemoCatalogue.Create(products))
        {
            var product = store.Add("products", CcvResources.Product(item, now));
            var productId = product["id"].Long();
            foreach (var variant in item.Variants) store.Add("attributecombinations", CcvResources.Combination(productId, variant));
            store.Add("producttocategories", new JsonObject { ["position"] = 1, ["product_id"] = productId, ["category_id"] = categories[item.Group] });
        }

        store.Add("users", CcvResources.User("jan@example.nl",
            CcvResources.Address("Jan", "Jansen", "", "Dorpsstraat", 12, "1234AB", "Utrecht", "Nederland", "NL", "0612345678")));
        store.Add("users", CcvResources.User("inkoop@dewinkel.be",
            CcvResources.Address("Els", "Peeters", "De Winkel BV", "Meir", 1, "2000", "Antwerpen", "België", "BE")));

        for (var i = 0; i < orders; i++)
        {
            var order = i % 2 == 0
                ? new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1 + i), new("ART-00002-M", 1)], Paid: true)
                : new SimulatedOrder("inkoop@dewinkel.be", "Els", "Peeters", [new("ART-00005", 2)], Company: "De Winkel BV",
                    Street: "Meir", HouseNumber: 1, Zipcode: "2000", City: "Antwerpen", CountryCode: "BE", VatNumber: "BE0123456789", Paid: true);
            CcvOrders.Place(store, order, now.AddMinutes(-10 * (orders - i)));
        }
    }
}
