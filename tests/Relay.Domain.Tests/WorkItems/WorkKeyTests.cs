using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.WorkItems;

public sealed class WorkKeyTests
{
    public static TheoryData<string, WorkKey, WorkSource, WorkKind, string> Keys => new()
    {
        { "ccv:shop-1:order:42", WorkKey.ForShopEntity("shop-1", ShopEntity.Order, "42"), WorkSource.CcvShop,
            WorkKind.Order, "42" },
        { "ccv:shop-1:product:7", WorkKey.ForShopEntity("shop-1", ShopEntity.Product, "7"), WorkSource.CcvShop,
            WorkKind.Product, "7" },
        { "ccv:shop-1:category:3", WorkKey.ForShopEntity("shop-1", ShopEntity.Category, "3"), WorkSource.CcvShop,
            WorkKind.Category, "3" },
        { "ccv:shop-1:customer:9", WorkKey.ForShopEntity("shop-1", ShopEntity.Customer, "9"), WorkSource.CcvShop,
            WorkKind.Customer, "9" },
        { "av:shop-1:stock:ART-1", WorkKey.ForStock("shop-1", "ART-1"), WorkSource.AccountView, WorkKind.Stock,
            "ART-1" },
        { "av:shop-1:article:ART-00002", WorkKey.ForArticleFamily("shop-1", "ART-00002"), WorkSource.AccountView,
            WorkKind.Article, "ART-00002" },
        // A SKU may hold colons of its own: they stay in the entity id.
        { "av:shop-1:stock:A:B:C", WorkKey.ForStock("shop-1", "A:B:C"), WorkSource.AccountView, WorkKind.Stock,
            "A:B:C" },
        // A custom variant pattern may find an empty family; such keys have always been made.
        { "av:shop-1:article:", WorkKey.ForArticleFamily("shop-1", ""), WorkSource.AccountView, WorkKind.Article,
            "" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_key_is_written_as_its_stream_id_and_read_back_whole(string text, WorkKey key, WorkSource source,
        WorkKind kind, string entityId)
    {
        key.ToString().ShouldBe(text);
        var parsed = WorkKey.Parse(text);
        parsed.ShouldBe(key);
        (parsed.Source, parsed.ConnectionId, parsed.Kind, parsed.EntityId).ShouldBe((source, "shop-1", kind, entityId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ccv")]
    [InlineData("ccv:shop-1:order")]
    [InlineData("ccv::order:42")]
    [InlineData("xyz:shop-1:order:42")]
    [InlineData("CCV:shop-1:order:42")]
    [InlineData("ccv:shop-1:Order:42")]
    [InlineData("ccv:shop-1:invoice:42")]
    [InlineData("ccv:shop-1:stock:ART-1")]
    [InlineData("av:shop-1:order:42")]
    public void Malformed_keys_are_refused(string? text)
    {
        WorkKey.TryParse(text, out _).ShouldBeFalse();
        if (text is not null) Should.Throw<FormatException>(() => WorkKey.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop:1")]
    public void A_key_is_not_made_for_a_connection_id_it_could_not_be_read_back_with(string connectionId) =>
        Should.Throw<ArgumentException>(() => WorkKey.ForStock(connectionId, "ART-1"));

    [Fact]
    public void An_article_family_is_not_a_shop_entity() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WorkKey.ForShopEntity("shop-1", ShopEntity.Article, "ART-1"));
}
