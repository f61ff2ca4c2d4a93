using Relay.Domain.Orders;
using Relay.Domain.Products;

namespace Relay.Domain.PersonalData;

/// <summary>
/// What masking leaves of each event that can hold personal data: the customer on record goes, and the other
/// system's own words (which may quote a name or an address back) are replaced. Amounts, codes, debtor numbers,
/// decisions and outcomes stay readable: Relay's own texts name people by role only.
/// </summary>
public static class PersonalDataMasks
{
    public const string Hidden = "(masked: personal data retention)";

    /// <summary>The event types that can hold personal data, each with its mask.</summary>
    public static readonly IReadOnlyDictionary<Type, Func<object, object>> Rules =
        new Dictionary<Type, Func<object, object>>
    {
        [typeof(OrderDecided)] = e => Mask((OrderDecided)e),
        [typeof(OrderFailed)] = e => Mask((OrderFailed)e),
        [typeof(CatalogueSynced)] = e => Mask((CatalogueSynced)e),
        [typeof(CatalogueFailed)] = e => Mask((CatalogueFailed)e),
    };

    public static OrderDecided Mask(OrderDecided e) => e with { Customer = null };

    public static OrderFailed Mask(OrderFailed e) => e with { AccountViewMessage = Hide(e.AccountViewMessage) };

    public static CatalogueSynced Mask(CatalogueSynced e) => e with { Customer = null };

    public static CatalogueFailed Mask(CatalogueFailed e) => e with { OtherSystemMessage = Hide(e.OtherSystemMessage) };

    /// <summary>Whether masking would change this event (not one masked already, nor one without personal
    /// data).</summary>
    public static bool Holds(object e) => Rules.TryGetValue(e.GetType(), out var mask) && !mask(e).Equals(e);

    private static string? Hide(string? text) => text is null ? null : Hidden;
}
