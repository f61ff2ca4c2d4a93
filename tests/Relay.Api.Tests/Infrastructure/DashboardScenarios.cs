using System.Text.Json.Nodes;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Work for the dashboard to show: orders through the simulators that arrive, and ones that fail.</summary>
public static class DashboardScenarios
{
    /// <summary>A shop article that AccountView loses in <see cref="PlaceFailingOrderAsync"/> until
    /// <see cref="AddMissingArticle"/>: its orders fail.</summary>
    public const string MissingArticle = "ART-00005";

    public static SimulatedOrder Order(string sku = "ART-00001", string email = "piet@example.nl") =>
        new(email, "Piet", "Jansen", [new SimulatedOrderRow(sku, 1)], Paid: true);

    public static async Task<long> PlaceArrivingOrderAsync(this RelayFixture relay)
    {
        var id = await relay.PlaceOrderAsync(Order());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        return id;
    }

    public static async Task<long> PlaceFailingOrderAsync(this RelayFixture relay)
    {
        var store = relay.Simulators.AccountView.Store;
        lock (store.Gate)
            store.Table(RelayFixture.Standard.Id, "ARTICLE")
                .RemoveAll(a => a["ART_CODE"]?.ToString() == MissingArticle);
        var id = await relay.PlaceOrderAsync(Order(MissingArticle, "klant@example.nl"));
        await relay.WaitForOrderAsync(id, WorkStatus.Failed);
        return id;
    }

    /// <summary>Fixes the failures' cause: AccountView gets the article, so a replay goes through.</summary>
    public static void AddMissingArticle(this RelayFixture relay)
    {
        var store = relay.Simulators.AccountView.Store;
        lock (store.Gate)
        {
            var articles = store.Table(RelayFixture.Standard.Id, "ARTICLE");
            if (articles.Any(a => a["ART_CODE"]?.ToString() == MissingArticle)) return;
            var copy = articles.First().DeepClone().AsObject();
            copy["ART_CODE"] = MissingArticle;
            articles.Add(copy);
        }
    }
}
