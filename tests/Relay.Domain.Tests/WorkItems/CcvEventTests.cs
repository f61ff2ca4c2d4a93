using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.WorkItems;

public sealed class CcvEventTests
{
    [Theory]
    [InlineData("orders.created", Flow.Orders, ShopEntity.Order)]
    [InlineData("orders.updated.status", Flow.Orders, ShopEntity.Order)]
    [InlineData("orders.updated.ispaid", Flow.Orders, ShopEntity.Order)]
    [InlineData("ORDERS.UPDATED.ISPAID", Flow.Orders, ShopEntity.Order)]
    [InlineData("products.updated", Flow.Products, ShopEntity.Product)]
    [InlineData("categories.created", Flow.Products, ShopEntity.Category)]
    public void Known_events_map_to_their_flow_and_entity(string name, Flow flow, ShopEntity entity)
    {
        var e = CcvEvent.Find(name).ShouldNotBeNull();
        e.Flow.ShouldBe(flow);
        e.Entity.ShouldBe(entity);
    }

    [Theory]
    [InlineData("orders.paid")]
    [InlineData("orders")]
    [InlineData("users.created")]
    [InlineData("")]
    public void Unknown_events_are_not_found(string name) => CcvEvent.Find(name).ShouldBeNull();
}
