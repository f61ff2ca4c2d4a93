using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Relay.Api.Dashboard;
using Relay.Api.Dashboard.Access;
using Relay.Api.Infrastructure.Secrets;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The dashboard's door: a key in, an HTTP-only cookie out, antiforgery on the form, sign-out.</summary>
[Collection(RelayCollection.Name)]
public sealed class SigningInToTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_page_without_a_sign_in_leads_to_the_sign_in_page_and_back()
    {
        using var visitor = new DashboardVisitor(relay.Host);
        var page = await visitor.GetAsync("/app/connections/shop-1/activity");

        visitor.Address.AbsolutePath.ShouldBe("/app/sign-in");
        visitor.Address.Query.ShouldContain("ReturnUrl=%2Fapp%2Fconnections%2Fshop-1%2Factivity");
        var key = page.QuerySelector<IHtmlInputElement>("#key")!;
        key.Type.ShouldBe("password");
        page.QuerySelector($"label[for=key]")!.TextContent.ShouldBe("API key");
        page.QuerySelector("form input[name=__RequestVerificationToken]").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_bootstrap_key_signs_in_to_an_http_only_cookie_that_holds_no_key()
    {
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var cookie = visitor.Cookies.GetAllCookies().Single(c => c.Name == DashboardSignIn.CookieName);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.Path.ShouldBe("/app");
        cookie.Value.ShouldNotContain(RelayFixture.AdminKey);
        var overview = await visitor.GetAsync("/app");
        visitor.Status.ShouldBe(HttpStatusCode.OK);
        overview.QuerySelector("h1")!.TextContent.ShouldBe("Your connections");
        overview.QuerySelector(".who")!.TextContent.ShouldBe("bootstrap");
    }

    [Fact]
    public async Task An_unknown_key_is_refused_beside_the_field_and_signs_nobody_in()
    {
        using var visitor = new DashboardVisitor(relay.Host);
        var page = await visitor.GetAsync("/app/sign-in");
        page.QuerySelector<IHtmlInputElement>("#key")!.Value = "rly_not-a-key";

        var answer = await visitor.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[method=post]")!);

        answer.QuerySelector("#key-error")!.TextContent.Trim().ShouldBe("This key is unknown or has been revoked.");
        answer.QuerySelector("#key")!.GetAttribute("aria-invalid").ShouldBe("true");
        visitor.Cookies.GetAllCookies().ShouldNotContain(c => c.Name == DashboardSignIn.CookieName);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var visitor = new DashboardVisitor(relay.Host);
        var page = await visitor.GetAsync("/app/sign-in");
        page.QuerySelector<IHtmlInputElement>("#key")!.Value = RelayFixture.AdminKey;
        page.QuerySelector("input[name=__RequestVerificationToken]")!.Remove();

        await visitor.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[method=post]")!);

        visitor.Status.ShouldBe(HttpStatusCode.BadRequest);
        visitor.Cookies.GetAllCookies().ShouldNotContain(c => c.Name == DashboardSignIn.CookieName);
    }

    [Fact]
    public async Task Signing_out_ends_the_sign_in()
    {
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var overview = await visitor.GetAsync("/app");

        await visitor.SubmitAsync(overview.QuerySelector<IHtmlFormElement>("form.sign-out")!);

        visitor.Address.AbsolutePath.ShouldBe("/app/sign-in");
        await visitor.GetAsync("/app");
        visitor.Address.AbsolutePath.ShouldBe("/app/sign-in");
    }

    [Fact]
    public async Task A_tenant_key_revoked_after_signing_in_ends_the_sign_in()
    {
        var key = await relay.Host.CreateTenantWithKeyAsync("acme");
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, key);
        var keys = await relay.Host.GetAdminAsync<List<Relay.Api.Features.Tenants.ApiKeyResponse>>(
            "/api/tenants/acme/keys");
        await relay.Host.CallAsync("DELETE", $"/api/tenants/acme/keys/{keys.Single().Id}", RelayFixture.AdminKey, 204);

        await visitor.GetAsync("/app");

        visitor.Address.AbsolutePath.ShouldBe("/app/sign-in");
    }

    [Fact]
    public async Task The_pages_load_the_frameworks_script_for_enhanced_navigation_and_it_is_served()
    {
        using var visitor = new DashboardVisitor(relay.Host);
        var page = await visitor.GetAsync("/app/sign-in");
        var script = page.QuerySelector("script[src]")!.GetAttribute("src")!;
        script.ShouldBe("/_framework/blazor.web.js");

        using var client = relay.Host.Server.CreateClient();
        var answer = await client.GetAsync(script);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
    }

    [Fact]
    public async Task Dutch_is_chosen_from_the_browser_or_by_the_language_link()
    {
        using var visitor = new DashboardVisitor(relay.Host);
        var english = await visitor.GetAsync("/app/sign-in");
        english.QuerySelector("h1")!.TextContent.ShouldBe("Sign in");

        var dutch = await visitor.GetAsync(
            english.QuerySelector<IHtmlAnchorElement>("a[hreflang=nl]")!.GetAttribute("href")!);

        visitor.Address.AbsolutePath.ShouldBe("/app/sign-in");
        dutch.QuerySelector("h1")!.TextContent.ShouldBe("Aanmelden");
        dutch.DocumentElement.GetAttribute("lang").ShouldBe("nl");
        dutch.QuerySelector("label[for=key]")!.TextContent.ShouldBe("API-sleutel");
    }

    [Theory]
    [InlineData("%2Fapp%2Fconnections%2Fshop-1%2Factivity%3Fpage%3D2", "/app/connections/shop-1/activity?page=2")]
    [InlineData("/application", "/app")]
    [InlineData("//evil.example/app", "/app")]
    [InlineData("/app%0D%0ALocation:%20x", "/app")]
    [InlineData("/app/%5C%5Cevil.example", "/app")]
    public async Task The_language_link_goes_back_only_to_a_page_of_the_dashboard(string back, string expected)
    {
        var answer = await relay.Host.Scenario(s =>
        {
            s.Get.Url($"/app/language/nl?back={back}");
            s.StatusCodeShouldBe(302);
        });

        answer.Context.Response.Headers.Location.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("https://relay.example.nl", Microsoft.AspNetCore.Http.CookieSecurePolicy.Always)]
    [InlineData("http://relay.internal:8080", Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest)]
    [InlineData(null, Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest)]
    public void Cookies_are_secure_whenever_relays_public_address_is_https(string? publicBaseUrl,
        Microsoft.AspNetCore.Http.CookieSecurePolicy expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Relay:PublicBaseUrl"] = publicBaseUrl })
            .Build();

        DashboardSignIn.SecurePolicy(configuration).ShouldBe(expected);
    }

    /// <summary>Data protection as a replica of its own sets it up, on the test database.</summary>
    private IDataProtector Replica()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Relay");
        services.AddOptions<KeyManagementOptions>().Configure(options => options.XmlRepository =
            new DashboardKeyRing(relay.Store, relay.Host.Services.GetRequiredService<SecretBox>()));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in");
    }

    [Fact]
    public async Task The_sign_in_keys_are_sealed_in_postgresql_so_another_replica_reads_what_one_protected()
    {
        relay.Host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository
            .ShouldBeOfType<DashboardKeyRing>();

        var cookie = Replica().Protect("signed in");

        Replica().Unprotect(cookie).ShouldBe("signed in");
        await using var session = relay.Store.QuerySession();
        var keys = await session.Query<DashboardKeyDocument>().ToListAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => !k.Xml.Contains("<key") && !k.Xml.Contains("masterKey"));
    }
}
