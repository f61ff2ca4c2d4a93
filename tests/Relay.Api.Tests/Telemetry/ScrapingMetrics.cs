using System.Globalization;
using System.Text.RegularExpressions;
using Alba;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Telemetry;

/// <summary>/metrics in Prometheus text format, with Relay's own counts per flow and connection.</summary>
[Collection(RelayCollection.Name)]
public sealed class ScrapingMetrics(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private const string Labels = "{connection=\"shop-1\",flow=\"orders\"}";

    [Fact]
    public async Task An_order_that_went_through_is_counted_received_and_succeeded_for_its_connection()
    {
        await relay.ConnectSimulatorsAsync();
        var before = await ScrapeAsync();

        var id = await relay.PlaceOrderAsync(
            new SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var after = await ScrapeAsync();
        ValueOf(after, "relay_work_received" + Labels)
            .ShouldBeGreaterThan(ValueOf(before, "relay_work_received" + Labels), after);
        ValueOf(after, "relay_work_succeeded" + Labels)
            .ShouldBe(ValueOf(before, "relay_work_succeeded" + Labels) + 1, after);
        after.ShouldContain("# TYPE relay_outbound_duration histogram");
        after.ShouldContain("relay_queue_depth{lane=\"orders\"}");
        after.ShouldNotContain("piet@example.nl");
        after.ShouldNotContain("sandbox-secret");
    }

    [Fact]
    public async Task The_scrape_needs_no_key_by_default()
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("text/plain");
    }

    private async Task<string> ScrapeAsync()
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.StatusCodeShouldBe(200);
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>The sample's value; 0 when the series does not exist yet (a counter not yet counted).</summary>
    private static double ValueOf(string scrape, string series)
    {
        var match = Regex.Match(scrape, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
