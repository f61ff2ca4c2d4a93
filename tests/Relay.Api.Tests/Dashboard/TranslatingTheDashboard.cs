using System.Text.RegularExpressions;
using System.Xml.Linq;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The dashboard's texts: every one the pages ask for is in English and in Dutch.</summary>
public sealed partial class TranslatingTheDashboard
{
    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Parse(RepositoryFiles.Read($"src/Relay.Api/Dashboard/{file}")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Every_english_text_has_a_dutch_one_and_no_more()
    {
        var english = Texts("Texts.resx");
        var dutch = Texts("Texts.nl.resx");

        dutch.Keys.Order().ShouldBe(english.Keys.Order());
        dutch.Where(t => string.IsNullOrWhiteSpace(t.Value)).ShouldBeEmpty();
        // A text with a place for a value keeps its places in Dutch.
        foreach (var (key, text) in english)
            PlacesIn(dutch[key]).ShouldBe(PlacesIn(text), key);
    }

    [Fact]
    public void Every_text_a_page_asks_for_is_there()
    {
        var english = Texts("Texts.resx");
        // The pages and their code (a code-behind, a page base that words a refusal).
        var pages = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/Relay.Api/Dashboard"), "*",
                SearchOption.AllDirectories).Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
            .Select(File.ReadAllText).ToList();
        // A key named in a string counts when it is of a section the texts have (Setup.*, not Form.Key).
        var sections = english.Keys.Select(k => k.Split('.')[0]).ToHashSet();
        var asked = pages.SelectMany(p => Asked().Matches(p).Concat(Named().Matches(p)
                .Where(m => sections.Contains(m.Groups[1].Value.Split('.')[0]))))
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        // Texts named by a value: one per flow, status and kind of shop entity.
        asked.AddRange(Enum.GetNames<Flow>().Select(f => $"Flow.{f}"));
        asked.AddRange(Enum.GetNames<WorkStatus>().Select(s => $"Status.{s}"));
        asked.AddRange(Enum.GetNames<ShopEntity>().Select(e => $"Entity.{e}"));
        asked.AddRange(Enum.GetNames<Relay.Domain.Orders.DocumentKind>().Select(k => $"Setup.Orders.{k}"));
        asked.AddRange(Enum.GetNames<Relay.Domain.Stock.StockFormula>().Select(f => $"Setup.Stock.{f}"));
        asked.AddRange(Enum.GetNames<Relay.Domain.Products.ProductMaster>().Select(m => $"Setup.Products.{m}"));
        asked.AddRange(typeof(Relay.Domain.Products.ProductUpdates).GetProperties()
            .Where(p => p.PropertyType == typeof(bool)).Select(p => $"Setup.Products.Update.{p.Name}"));
        asked.AddRange(Enum.GetNames<Relay.Domain.Orders.CustomerKind>().Select(k => $"Setup.Tax.Customers.{k}"));
        asked.AddRange(Enum.GetNames<Relay.Api.Features.Alerts.AlertChannel>().Select(c => $"Alerts.Channel.{c}"));
        asked.AddRange(Enum.GetNames<Relay.Api.Features.Alerts.NoticeStatus>().Select(s => $"Alerts.Notice.{s}"));
        asked.AddRange(Enum.GetNames<Relay.Api.Features.Alerts.SmtpSecurity>()
            .Select(s => $"Alerts.Email.Security.{s}"));

        asked.Count.ShouldBeGreaterThan(50);
        asked.Where(key => !english.ContainsKey(key)).ShouldBeEmpty();
    }

    private static List<string> PlacesIn(string text) => [.. Places().Matches(text).Select(m => m.Value).Order()];

    [GeneratedRegex("""L\["([^"]+)"\]""")]
    private static partial Regex Asked();

    /// <summary>Texts named by key in a string: a part's (<c>Label="Setup.Shop.Url"</c>), a table's of fields.
    /// </summary>
    [GeneratedRegex(@"""([A-Z][A-Za-z]+\.[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)?)""")]
    private static partial Regex Named();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Places();
}
