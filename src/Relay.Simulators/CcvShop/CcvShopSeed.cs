using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>The built-in demo shop: the demo catalogue, categories, paymethods, customers and a few orders.</summary>
public static class CcvShopSeed
{
    public static void Fill(CcvShopStore store, int products, DateTimeOffset now)
    {
        foreach (var (id, psp, method, label) in new[] { (1L, "Mollie", "iDEAL", "iDEAL"), (2L, "Mollie", "Bancontact", "Bancontact"), (3L, "Bank", "Transfer", "Vooraf overmaken"), (4L, "PayPal", "PayPal", "PayPal") })
            store.Add("paymethods", CcvResources.Paymethod(id, psp, method, label));

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
    }
}
