using System.Text.Json.Nodes;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Customers;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Customers;

/// <summary>The shop's registered customers become AccountView debtors: matched by e-mail, with the country's revenue account and VAT code.</summary>
[Collection(RelayCollection.Name)]
public sealed class SendingCustomersToAccountView(RelayFixture relay) : IAsyncLifetime
{
    private const string Email = "inkoop@bakkerijpeeters.be";

    // The order settings' tables serve customers too: Belgium has a revenue account of its own here.
    private static OrderFlowSettings Orders => new()
    {
        Enabled = false,
        RevenueAccounts = [new("NL", "8000"), new("BE", "8110"), new("EU", "8100"), new("WORLD", "8200")],
    };

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(Orders);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_company_customer_from_Belgium_gets_the_Belgian_revenue_account_and_VAT_code()
    {
        var user = AddUser("Brugge");
        await relay.SetCustomerFlowAsync(new CustomerFlowSettings { Enabled = true, ScanMinutes = 5 });

        // The first scan finds every customer (none was seen before).
        var item = await relay.WaitForWorkAsync(Key(user), WorkStatus.Succeeded);

        var debtor = Debtors().ShouldHaveSingleItem();
        debtor["ACCT_NAME"]!.ToString().ShouldBe("Bakkerij Peeters BV");
        debtor["MAIN_CONT"]!.ToString().ShouldBe("Lotte Peeters");
        debtor["CNT_CODE"]!.ToString().ShouldBe("BE");
        debtor["LNK_ACCT"]!.ToString().ShouldBe("8110");
        debtor["VAT_CODE"]!.ToString().ShouldBe("EU"); // an EU business abroad with a VAT number: reverse charge
        debtor["VAT_NR"]!.ToString().ShouldBe("BE0987654321");
        debtor["COC_CODE"]!.ToString().ShouldBe("0987654321");
        debtor["CITY"]!.ToString().ShouldBe("Brugge");
        var synced = (await relay.WorkEventsAsync(item.Id)).OfType<Relay.Domain.Products.CatalogueSynced>().Single();
        synced.Target.ShouldBe($"debtor {debtor["SUB_NR"]}");
        synced.Decisions.Single().ShouldContain("revenue account 8110");
    }

    [Fact]
    public async Task A_customer_seen_again_updates_the_debtor_and_with_updates_off_leaves_it_untouched()
    {
        var user = AddUser("Brugge");
        await relay.SetCustomerFlowAsync(new CustomerFlowSettings { Enabled = true, ScanMinutes = 5 });
        var created = await relay.WaitForWorkAsync(Key(user), WorkStatus.Succeeded);

        // The customer moves; the next scan sees the change (on demand here). A second later on the test clock, so the
        // update is recognised by its time even when it runs in the same fake instant as the creation otherwise would.
        relay.Clock.Advance(TimeSpan.FromSeconds(1));
        Move(user, "Gent");
        await relay.StartImportAsync("customers");
        var updated = await relay.WaitForWorkAsync(Key(user), WorkStatus.Succeeded, after: created.UpdatedAt);
        Debtors().ShouldHaveSingleItem()["CITY"]!.ToString().ShouldBe("Gent");
        (await relay.WorkEventsAsync(Key(user))).OfType<Relay.Domain.Products.CatalogueSynced>().Last().Written.ShouldBe(["ADDRESS1", "CITY"]);

        await relay.SetCustomerFlowAsync(new CustomerFlowSettings { Enabled = true, UpdateExisting = false, ScanMinutes = 5 });
        relay.Clock.Advance(TimeSpan.FromSeconds(1));
        Move(user, "Leuven");
        var before = Debtors().Single().ToJsonString();
        await relay.StartImportAsync("customers");
        var skipped = await relay.WaitForWorkAsync(Key(user), WorkStatus.Skipped, after: updated.UpdatedAt);

        skipped.LastError!.ShouldContain("customer updates are off");
        Debtors().ShouldHaveSingleItem().ToJsonString().ShouldBe(before);
    }

    private string Key(long user) => WorkKey.ForShopEntity("shop-1", ShopEntity.Customer, user.ToString()).ToString();

    private List<JsonObject> Debtors() => relay.Simulators.AccountView.Rows("CONTACT").Where(c => c["MAIL_BUS"]?.ToString() == Email).ToList();

    private long AddUser(string city)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
        {
            var billing = CcvResources.Address("Lotte", "Peeters", "Bakkerij Peeters BV", "Markt", 7, "8000", city, "België", "BE");
            var user = CcvResources.User(Email, billing);
            user["userinfo"]!["btw"] = "BE0987654321";
            user["userinfo"]!["kvk"] = "0987654321";
            return store.Add("users", user)["id"].Long();
        }
    }

    private void Move(long user, string city)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate)
        {
            var billing = store.Find("users", user)!["userinfo"]!["billingaddress"]!;
            billing["city"] = city;
            billing["street"] = "Kouter";
            billing["address_line_1"] = "Kouter 3";
        }
    }
}
