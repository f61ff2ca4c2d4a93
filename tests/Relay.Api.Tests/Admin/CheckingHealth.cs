using Alba;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

[Collection(RelayCollection.Name)]
public sealed class CheckingHealth(RelayFixture relay)
{
    [Theory]
    [InlineData("/health/live", "live")]
    [InlineData("/health/ready", "ready")]
    public async Task Health_endpoints_answer_without_a_key(string url, string status)
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBeOk();
        });
        (await result.ReadAsTextAsync()).ShouldContain($"\"{status}\"");
    }
}
