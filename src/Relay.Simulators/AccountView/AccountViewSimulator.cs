using System.Text.Json.Nodes;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.AccountView;

/// <summary>One simulated AccountView.net: administrations, tokens, faults and a journal.</summary>
public sealed class AccountViewSimulator : ISimulator
{
    public AccountViewSimulator(AccountViewOptions options, TimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Tokens = new AccountViewTokenIssuer(options, clock);
        Reset();
    }

    public AccountViewOptions Options { get; }
    public TimeProvider Clock { get; }
    public AccountViewTokenIssuer Tokens { get; }
    public AccountViewStore Store { get; private set; } = new();
    public FaultState Faults { get; } = new();
    public RequestJournal Journal { get; } = new();

    public void Reset()
    {
        var store = new AccountViewStore();
        if (!string.IsNullOrEmpty(Options.SeedFile))
            store.Load(JsonNode.Parse(File.ReadAllText(Options.SeedFile))!.AsObject());
        else
            foreach (var company in Options.Companies) AccountViewSeed.Fill(store, company, Options.SeedArticles,
                Clock.GetUtcNow());
        Store = store;
        Journal.Clear();
        Faults.Set(new FaultSettings());
    }

    public JsonObject Dump()
    {
        lock (Store.Gate) return Store.Dump();
    }

    /// <summary>The company with this id; without one, the first (the sandbox's).</summary>
    public Company CompanyOf(string? id) =>
        id is null ? Options.Companies[0] : Options.Companies.FirstOrDefault(c => c.Id == id)
            ?? throw new ArgumentException($"No company {id}.");

    /// <summary>Rows of a table, copied, for tests and the control API.</summary>
    public List<JsonObject> Rows(string table, string? company = null)
    {
        lock (Store.Gate)
            return Store.Table(company ?? Options.Companies[0].Id, table).Select(r => (JsonObject)r.DeepClone()).ToList();
    }

    /// <summary>Changes an article's stock on the shelf, as a goods receipt or count would.</summary>
    public bool SetStockOnShelf(string articleCode, decimal onShelf, string? company = null)
    {
        lock (Store.Gate)
        {
            var at = CompanyOf(company);
            var article = Store.Find(at.Id, "ARTICLE", "ART_CODE", articleCode);
            if (article is null) return false;
            AccountViewStore.SetStock(article, onShelf, article["QTY_RES"]?.Dec() ?? 0, Clock.GetUtcNow(), at.Profile);
            return true;
        }
    }
}
