using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>Builds resources with the documented fields and the real quirks (ccvshop-api.md §4.1, §4.3, §4.5, §6).</summary>
public static class CcvResources
{
    public static JsonObject Address(string firstName, string lastName, string company, string street, int? number,
        string zipcode, string city, string country, string countryCode, string telephone = "") => new()
    {
        ["gender"] = null, ["initials"] = "", ["first_name"] = firstName, ["last_name"] = lastName,
        ["full_name"] = $"{firstName} {lastName}".Trim(), ["company"] = company,
        ["address_line_1"] = number is null ? street : $"{street} {number}", ["address_line_2"] = "",
        ["street"] = street, ["housenumber"] = number, ["housenumber_suffix"] = "", ["zipcode"] = zipcode, ["city"] = city,
        ["province"] = "", ["country"] = country, ["country_code"] = countryCode, ["telephone"] = telephone, ["fax"] = "",
        ["mobile"] = "", ["comment"] = "",
    };

    /// <summary>No separate delivery address: every field "" or null, as in the real sample (§4.3).</summary>
    public static JsonObject EmptyDeliveryAddress() => new()
    {
        ["gender"] = null, ["initials"] = "", ["full_name"] = "", ["company"] = "", ["address_line_1"] = "", ["address_line_2"] = "",
        ["street"] = "", ["housenumber"] = null, ["housenumber_suffix"] = "", ["zipcode"] = "", ["city"] = "", ["province"] = "",
        ["telephone"] = "", ["mobile"] = "", ["comment"] = "", ["country"] = "", ["country_code"] = null,
    };

    public static JsonObject Customer(string email, JsonObject billing, JsonObject? delivery, string vatNumber = "", string cocNumber = "") => new()
    {
        ["billingaddress"] = billing,
        ["deliveryaddress"] = delivery ?? EmptyDeliveryAddress(),
        ["email"] = email,
        ["customertype"] = string.IsNullOrEmpty(billing["company"]?.GetValue<string>()) ? "b2c" : "b2b",
        ["bankaccount"] = "", ["iban"] = "", ["bic"] = "", ["btw"] = vatNumber, ["kvk"] = cocNumber, ["reference"] = "",
    };

    public static JsonObject Product(DemoCatalogue.Item item, DateTimeOffset now) => new()
    {
        ["is_active"] = true, ["createdate"] = CcvSigning.FormatDate(now), ["modifydate"] = CcvSigning.FormatDate(now),
        ["productnumber"] = item.Code, ["eannumber"] = item.Variants.Count == 0 ? item.Ean : "", ["mpnnumber"] = "",
        ["is_multishop_product"] = false, ["name"] = item.Name, ["shortdescription"] = item.Name,
        ["description"] = $"<p>{item.Name}</p>", ["vatrate"] = 21, ["taxtariff"] = "normal", ["tradecodesystem"] = null,
        ["price"] = item.Price, ["discount"] = 0, ["purchaseprice"] = Math.Round(item.Price / 3, 2),
        ["container_deposit_price"] = 0, ["safety_deposit_price"] = 0, ["unit"] = "stuk",
        ["stockenabled"] = true,
        // The exact stocktype strings are unknown (§4.6, §8.5); S8 lists "Product"/"Attribute".
        ["stocktype"] = item.Variants.Count == 0 ? "Product" : "Attribute",
        ["stock"] = item.Variants.Count == 0 ? item.Stock : 0, ["stocklocation"] = "",
        ["ordering_without_stock"] = "global_setting", ["weight"] = 0.5, ["maincategory"] = item.Group, ["subcategory"] = "",
        ["brand"] = null, ["condition"] = null, ["color"] = null, ["productmainphoto"] = null,
        ["package"] = new JsonObject { ["id"] = 1664901 },
    };

    public static JsonObject Combination(long productId, DemoCatalogue.Variant variant) => new()
    {
        ["note"] = "", ["product_id"] = productId, ["stock"] = variant.Stock, ["netto_extra_price"] = variant.ExtraPrice,
        ["ordering_without_stock"] = "global_setting", ["product_number"] = variant.Code, ["ean_number"] = variant.Ean,
        ["sku_number"] = variant.Code, ["delivery_time"] = 1, ["delivery_time_type"] = "days", ["delivery_default_text"] = "",
        ["active"] = true,
        ["combination"] = new JsonArray(
            new JsonObject { ["attribute"] = new JsonObject { ["id"] = 301, ["name"] = "Maat" }, ["attribute_value"] = new JsonObject { ["id"] = SizeValueId(variant.Size), ["name"] = variant.Size }, ["extra_price"] = variant.ExtraPrice },
            new JsonObject { ["attribute"] = new JsonObject { ["id"] = 302, ["name"] = "Kleur" }, ["attribute_value"] = new JsonObject { ["id"] = 4101, ["name"] = variant.Colour }, ["extra_price"] = 0 }),
    };

    /// <summary>The seeded attribute values: sizes 4011.., colour Zwart 4101 (attributes Maat 301 and Kleur 302).</summary>
    public static long SizeValueId(string size) => 4011 + Array.IndexOf(["S", "M", "L"], size);

    public static JsonObject Paymethod(long id, string psp, string method, string label) => new()
    {
        ["id"] = id, ["psp"] = psp, ["method"] = method, ["combined_name"] = $"{psp}_{method}", ["label"] = label,
        ["extra_costs"] = false, ["extra_costs_fixed"] = 0, ["extra_costs_percentage"] = 0, ["apppsp"] = null, ["apppsppaymethod"] = null,
    };

    public static JsonObject Category(string name, int position) => new()
    {
        ["name"] = name, ["description"] = "", ["position"] = position, ["show_on_website"] = true, ["alias"] = name,
        ["parentcategory"] = null,
    };

    public static JsonObject User(string email, JsonObject billing) => new()
    {
        // user ids are strings on orders (§4.1) but ints here: the real API mixes them.
        ["username"] = email, ["group_id"] = null, ["status"] = true, ["approval_status"] = "accepted",
        ["product_in_category_discount"] = "highest",
        ["userinfo"] = Customer(email, billing, null),
    };
}
