namespace Relay.Domain.Orders;

/// <summary>What makes order settings unusable, per field (JSON names), before they are stored.</summary>
public static class OrderFlowSettingsCheck
{
    public static IReadOnlyDictionary<string, string[]> Problems(OrderFlowSettings s, string prefix = "")
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string field, string reason)
        {
            var key = prefix + field;
            if (!problems.TryGetValue(key, out var list)) problems[key] = list = [];
            list.Add(reason);
        }
        void Code(string field, string? value, int max = 10)
        {
            if (string.IsNullOrWhiteSpace(value)) Add(field, "A code is required.");
            else if (value.Length > max) Add(field, $"At most {max} characters.");
        }

        if (s.ReconciliationMinutes is < 1 or > 1440) Add("reconciliationMinutes", "Between 1 and 1440 minutes.");
        if (s.ReconciliationDays is < 1 or > 60) Add("reconciliationDays", "Between 1 and 60 days.");
        if (s.Statuses is null) Add("statuses", "A list (empty for any status).");
        else if (s.Statuses.Any(x => x is < 1 or > 14)) Add("statuses", "CCV Shop order statuses are 1 to 14.");
        if (s.HomeCountry is not { Length: 2 }) Add("homeCountry", "A two-letter ISO country code.");
        Code("shippingArticle", s.ShippingArticle, 20);
        Code("paymentCostsArticle", s.PaymentCostsArticle, 20);
        Code("discountArticle", s.DiscountArticle, 20);
        Code("reverseChargeVatCode", s.ReverseChargeVatCode, 2);
        Code("exportVatCode", s.ExportVatCode, 2);
        Code("defaultVatCode", s.DefaultVatCode, 2);
        Code("defaultRevenueAccount", s.DefaultRevenueAccount);
        Code("defaultShippingMethod", s.DefaultShippingMethod);
        Code("salesJournal", s.SalesJournal);
        if (s.DefaultDebtor is { Length: > 10 }) Add("defaultDebtor", "At most 10 characters.");
        if (s.DefaultPayment is null) Add("defaultPayment", "Required.");
        else
        {
            Code("defaultPayment.paymentMethod", s.DefaultPayment.PaymentMethod, 25);
            Code("defaultPayment.paymentTerms", s.DefaultPayment.PaymentTerms, 2);
        }

        if (s.VatCodes is null) Add("vatCodes", "A list.");
        else
            for (var i = 0; i < s.VatCodes.Count; i++)
            {
                if (s.VatCodes[i] is null) { Add($"vatCodes[{i}]", "A row, not null."); continue; }
                if (s.VatCodes[i].Country is not { Length: 2 }) Add($"vatCodes[{i}].country", "A two-letter ISO country code.");
                if (s.VatCodes[i].Rate is < 0 or > 100) Add($"vatCodes[{i}].rate", "A percentage from 0 to 100.");
                Code($"vatCodes[{i}].code", s.VatCodes[i].Code, 2);
            }
        if (s.RevenueAccounts is null) Add("revenueAccounts", "A list.");
        else
            for (var i = 0; i < s.RevenueAccounts.Count; i++)
            {
                if (s.RevenueAccounts[i] is null) { Add($"revenueAccounts[{i}]", "A row, not null."); continue; }
                var where = s.RevenueAccounts[i].CountryOrRegion;
                if (where is not ({ Length: 2 } or "WORLD")) Add($"revenueAccounts[{i}].countryOrRegion", "A two-letter country code, EU or WORLD.");
                Code($"revenueAccounts[{i}].account", s.RevenueAccounts[i].Account);
                if (s.RevenueAccounts[i].VatRate is < 0 or > 100) Add($"revenueAccounts[{i}].vatRate",
                    "A percentage from 0 to 100, or none for any rate.");
                if (!Enum.IsDefined(s.RevenueAccounts[i].Customers)) Add($"revenueAccounts[{i}].customers",
                    "Any, Business or Consumer.");
            }
        var duplicate = (s.RevenueAccounts ?? []).OfType<RevenueAccountRule>().GroupBy(r =>
            (r.CountryOrRegion, r.VatRate, r.Customers)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) Add("revenueAccounts",
            $"Two rows for {duplicate.Key.CountryOrRegion} with the same rate and customers: keep one.");
        if (s.ShippingRevenueAccount is not null) Code("shippingRevenueAccount", s.ShippingRevenueAccount);
        if (s.DiscountRevenueAccount is not null) Code("discountRevenueAccount", s.DiscountRevenueAccount);
        if (s.ArticleCodeFallback is not null && !ArticleCodes.Fallbacks.Contains(s.ArticleCodeFallback))
            Add("articleCodeFallback", $"One of {string.Join(", ", ArticleCodes.Fallbacks)}, or none.");
        if (s.ProductArticleCodes is null) Add("productArticleCodes",
            "An object of CCV product ids and article codes.");
        else
            foreach (var (product, article) in s.ProductArticleCodes)
            {
                if (!long.TryParse(product, out var pid) || pid <= 0) Add("productArticleCodes",
                    $"'{product}' is not a CCV product id.");
                if (string.IsNullOrWhiteSpace(article) || article.Length > 20) Add($"productArticleCodes.{product}",
                    "An article code of 1 to 20 characters.");
            }
        if (s.PaymentMethods is null) Add("paymentMethods", "A list.");
        else
            for (var i = 0; i < s.PaymentMethods.Count; i++)
            {
                if (s.PaymentMethods[i] is null) { Add($"paymentMethods[{i}]", "A row, not null."); continue; }
                Code($"paymentMethods[{i}].shopMethod", s.PaymentMethods[i].ShopMethod, 100);
                Code($"paymentMethods[{i}].paymentMethod", s.PaymentMethods[i].PaymentMethod, 25);
                Code($"paymentMethods[{i}].paymentTerms", s.PaymentMethods[i].PaymentTerms, 2);
            }
        if (s.ShippingMethods is null) Add("shippingMethods", "A list.");
        else
            for (var i = 0; i < s.ShippingMethods.Count; i++)
            {
                if (s.ShippingMethods[i] is null) { Add($"shippingMethods[{i}]", "A row, not null."); continue; }
                Code($"shippingMethods[{i}].shopMethod", s.ShippingMethods[i].ShopMethod, 100);
                Code($"shippingMethods[{i}].shippingMethod", s.ShippingMethods[i].ShippingMethod);
            }
        if (s.DebtorDefaults is null) Add("debtorDefaults", "An object of AccountView field names and values.");

        return problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
