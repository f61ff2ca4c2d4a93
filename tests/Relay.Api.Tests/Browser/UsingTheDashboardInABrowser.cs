using Microsoft.Playwright;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Browser;

/// <summary>
/// The dashboard in Chromium against Relay's sandbox: sign in with the key, see an order arrive, make one fail,
/// replay it from the failures page. Each page's screenshot is written to docs/screenshots/.
/// </summary>
[Collection(RelayProcess.Collection)]
public sealed class UsingTheDashboardInABrowser(BrowserRelay relay) : IClassFixture<BrowserRelay>
{
    private static readonly TimeSpan OrderLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_merchant_signs_in_sees_an_order_arrive_and_replays_one_that_failed()
    {
        var page = await relay.OpenAsync();
        await page.GotoAsync("/app");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        await ShotAsync(page, "sign-in");
        // By keyboard: the key typed into its labelled field, Enter submits.
        await page.GetByLabel("API key").FillAsync(BrowserRelay.Key);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your connections" })).ToBeVisibleAsync();

        var arrived = await relay.PlaceOrderAsync("ART-00001");
        await page.GotoAsync("/app/connections/sandbox/activity");
        await ReloadUntilAsync(page, page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {arrived}" })
            .Filter(new() { HasText = "sent" }));
        await ShotAsync(page, "activity");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Order {arrived}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What came from CCV Shop" })).ToBeVisibleAsync();
        await ShotAsync(page, "work-item");

        var failed = await relay.PlaceOrderAsync(BrowserRelay.UnknownArticle);
        await page.GotoAsync("/app/connections/sandbox/failures");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {failed}" });
        await ReloadUntilAsync(page, row);
        await Assertions.Expect(row).ToContainTextAsync(BrowserRelay.UnknownArticle);
        await ShotAsync(page, "failures");
        await row.GetByRole(AriaRole.Link, new() { Name = "dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What a replay would send to AccountView" }))
            .ToBeVisibleAsync();
        await ShotAsync(page, "dry-run");

        await relay.AddUnknownArticleAsync();
        await page.GotoAsync("/app/connections/sandbox/failures");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay {failed}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 queued to run again.");
        await page.GotoAsync($"/app/connections/sandbox/activity?order={failed}");
        await ReloadUntilAsync(page, page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {failed}" })
            .Filter(new() { HasText = "sent" }));

        await page.GotoAsync("/app");
        await Assertions.Expect(page.Locator("svg.chart")).ToBeVisibleAsync();
        await ShotAsync(page, "overview");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw koppelingen" })).ToBeVisibleAsync();
        await ShotAsync(page, "overview-nl");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
    }

    [Fact]
    public async Task The_overview_and_the_activity_log_fit_a_phone()
    {
        var page = await relay.OpenAsync(width: 390, height: 844);
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("API key").FillAsync(BrowserRelay.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your connections" })).ToBeVisibleAsync();

        foreach (var (path, name) in new[] { ("/app", "overview-phone"), ("/app/connections/sandbox/activity", "activity-phone") })
        {
            await page.GotoAsync(path);
            // Nothing wider than the phone: the page itself does not scroll sideways (wide tables scroll in their box).
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, path);
            await ShotAsync(page, name);
        }
    }

    /// <summary>Reloads the page until the work shows (it is done in the background), bounded.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator shown) =>
        await Eventually.WaitAsync(async () =>
        {
            if (await shown.CountAsync() > 0) return true;
            await page.ReloadAsync();
            return false;
        }, OrderLimit, () => $"{page.Url} did not show the work in time");

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserRelay.Screenshots, $"{name}.png"), FullPage = true,
        });
}
