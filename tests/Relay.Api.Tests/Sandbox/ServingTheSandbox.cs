using System.Text.Json;
using Alba;
using Relay.Api.Tests.Infrastructure;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Sandbox;

/// <summary>Relay serves both simulators under /sandbox, so it can be tried without credentials.</summary>
[Collection(RelayCollection.Name)]
public sealed class ServingTheSandbox(RelayFixture relay)
{
    [Fact]
    public async Task The_sandbox_shop_answers_signed_calls()
    {
        const string path = "/sandbox/ccvshop/api/rest/v1/products?size=2";
        var date = CcvSigning.FormatDate(relay.Clock.GetUtcNow());

        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url(path);
            s.WithRequestHeader("x-public", "sandbox-public");
            s.WithRequestHeader("x-date", date);
            s.WithRequestHeader("x-hash", CcvSigning.Hash("sandbox-secret", "sandbox-public", "GET", path, "", date));
            s.StatusCodeShouldBeOk();
        });

        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task The_sandbox_accountview_refuses_unknown_clients()
    {
        await relay.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = "nobody", ["client_secret"] = "x" })
                .ToUrl("/sandbox/accountview/api/v3/token");
            s.StatusCodeShouldBe(401);
        });
    }
}
