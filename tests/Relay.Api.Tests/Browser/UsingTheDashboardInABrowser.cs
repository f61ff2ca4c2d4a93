using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Browser;

/// <summary>
/// The dashboard in Chromium against Relay's sandbox: sign in with the key, set up a connection with the assistant,
/// see its first order arrive, make one fail, replay it from the failures page. Each page's screenshot is written
/// to docs/screenshots/.
/// </summary>
[Collection(RelayProcess.Collection)]
public sealed class UsingTheDashboardInABrowser(BrowserRelay relay) : IClassFixture<BrowserRelay>
{
    private static readonly TimeSpan OrderLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_merchant_signs_in_sets_up_a_connection_sees_its_first_order_arrive_and_replays_one_that_failed()
    {
        var page = await relay.OpenAsync();
        await page.GotoAsync("/app");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/app/sign-in"));
        await ShotAsync(page, "sign-in");
        // By keyboard: the key typed into its labelled field, Enter submits.
        await page.GetByLabel("API key").FillAsync(BrowserRelay.Key);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Assertions.Expect(Heading(page, "Your connections")).ToBeVisibleAsync();

        await RunTheAssistantAsync(page);
        // The sandbox's shop takes an order at a click; the page goes on to the activity log of that order.
        await page.GetByRole(AriaRole.Button, new() { Name = "Place a test order" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/app/connections/my-shop/activity\\?order=\\d+$"));
        var arrived = long.Parse(new Uri(page.Url).Query.Split('=')[1]);
        await ReloadUntilAsync(page, page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {arrived}" })
            .Filter(new() { HasText = "sent" }));
        await ShotAsync(page, "activity");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Order {arrived}" }).ClickAsync();
        await Assertions.Expect(Heading(page, "What came from CCV Shop")).ToBeVisibleAsync();
        await ShotAsync(page, "work-item");

        var failed = await relay.PlaceOrderAsync(BrowserRelay.UnknownArticle);
        await page.GotoAsync("/app/connections/my-shop/failures");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {failed}" });
        await ReloadUntilAsync(page, row);
        await Assertions.Expect(row).ToContainTextAsync(BrowserRelay.UnknownArticle);
        await ShotAsync(page, "failures");
        await row.GetByRole(AriaRole.Link, new() { Name = "dry run" }).ClickAsync();
        await Assertions.Expect(Heading(page, "What a replay would send to AccountView")).ToBeVisibleAsync();
        await ShotAsync(page, "dry-run");

        // By keyboard: a page opens with the focus on its heading (the content, past the menus), and the replay
        // button takes Enter.
        await relay.AddUnknownArticleAsync();
        await page.GotoAsync("/app/connections/my-shop/failures");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Failures");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay {failed}" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 queued to run again.");
        await page.GotoAsync($"/app/connections/my-shop/activity?order={failed}");
        await ReloadUntilAsync(page, page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {failed}" })
            .Filter(new() { HasText = "sent" }));

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.history > li").First).ToContainTextAsync("orders");
        await ShotAsync(page, "settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Work unfinished for (minutes)")).ToHaveValueAsync("15");
        await ShotAsync(page, "alerts");

        await page.GotoAsync("/app");
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await ShotAsync(page, "overview");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync();
        await Assertions.Expect(Heading(page, "Uw koppelingen")).ToBeVisibleAsync();
        await ShotAsync(page, "overview-nl");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/app/sign-in"));
    }

    /// <summary>Every step of the assistant against the sandbox's simulators, to a connection that is switched
    /// on.</summary>
    private async Task RunTheAssistantAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up a connection" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("My shop");
        await page.GetByLabel("Short id (optional)").FillAsync("my-shop");
        await page.GetByLabel("Shop address").FillAsync($"{relay.Relay.BaseUrl}/sandbox/ccvshop");
        await page.GetByLabel("Public key").FillAsync("sandbox-public");
        await page.GetByLabel("Secret key").FillAsync("sandbox-secret");
        await ShotAsync(page, "setup-connection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and check the shop" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("works");
        await ShotAsync(page, "setup-shop");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.GetByLabel("AccountView address").FillAsync($"{relay.Relay.BaseUrl}/sandbox/accountview");
        await page.GetByLabel("Client id").FillAsync("sandbox-client");
        await page.GetByLabel("Client secret").FillAsync("sandbox-client-secret");
        // To AccountView's consent page and back (the simulator consents at once).
        await page.GetByRole(AriaRole.Button, new() { Name = "Go to AccountView to allow Relay" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/app/setup/my-shop/accountview$"));
        await page.GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this company" }).ClickAsync();
        await Assertions.Expect(page.Locator("#check")).ToContainTextAsync("works");
        await ShotAsync(page, "setup-accountview");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the webhooks" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhooks li")).ToHaveCountAsync(3);
        await ShotAsync(page, "setup-webhooks");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        // From here to the test step every link and form is enhanced: the page is patched, never loaded again,
        // so a mark left on it stays.
        await Assertions.Expect(Heading(page, "Order questions")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.relayMark = 'same page'");
        await page.GetByLabel("a sales invoice").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await ShotAsync(page, "setup-orders");
        // Belgian consumers at 21 %: a row of its own, its code chosen from the administration's VAT codes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.Locator("#vat-3-country").FillAsync("BE");
        await page.Locator("#vat-3-rate").FillAsync("21");
        await page.Locator("#vat-3-code").SelectOptionAsync("H1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await ShotAsync(page, "setup-tax");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.Locator("#payment-0-shop").SelectOptionAsync("Mollie_iDEAL");
        await page.Locator("#payment-0-method").FillAsync("IDEAL"); // the sandbox's administration has no list
        await page.Locator("#payment-0-terms").FillAsync("14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await ShotAsync(page, "setup-payment-shipping");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await Assertions.Expect(Heading(page, "Stock and products")).ToBeVisibleAsync();
        await ShotAsync(page, "setup-stock-products");
        (await page.EvaluateAsync<string?>("() => window.relayMark ?? null")).ShouldBe("same page");

        // A real order of the shop, previewed: nothing is sent while the flow is off. The sandbox's shop takes
        // one at a click; a shop's newest orders are offered to pick from.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place a test order" }).ClickAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=preview]")).ToContainTextAsync("POST");
        var order = new Uri(page.Url).Query.Split('=')[1];
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"WEB-" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("CCV Shop order id")).ToHaveValueAsync(order);
        await ShotAsync(page, "setup-test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next step" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch Orders on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The order flow is on");
        await ShotAsync(page, "setup-switch-on");
    }

    [Fact]
    public async Task The_overview_and_the_activity_log_fit_a_phone()
    {
        var page = await relay.OpenAsync(width: 390, height: 844);
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("API key").FillAsync(BrowserRelay.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Heading(page, "Your connections")).ToBeVisibleAsync();

        foreach (var (path, name) in new[]
                 {
                     ("/app", "overview-phone"), ("/app/connections/sandbox/activity", "activity-phone"),
                     ("/app/setup/sandbox/tax", "setup-tax-phone"), ("/app/connections/sandbox/settings", "settings-phone"),
                 })
        {
            await page.GotoAsync(path);
            // Nothing wider than the phone: the page itself does not scroll sideways (wide tables scroll in their box).
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, path);
            await ShotAsync(page, name);
        }
    }

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name });

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
