using Marten;
using Relay.Domain.Orders;
using Relay.Domain.PersonalData;
using Relay.Domain.Products;

namespace Relay.Api.Features.PersonalData;

public static class PersonalDataSetup
{
    public static IServiceCollection AddPersonalData(this IServiceCollection services)
    {
        services.AddSingleton<PersonalDataMasking>();
        services.AddSingleton<RetentionRun>();
        services.AddHostedService<RetentionSweep>();
        return services;
    }

    /// <summary>
    /// Marten's event masking (Advanced.ApplyEventDataMasking) rewrites stored events in place with these rules:
    /// the pure masks of <see cref="PersonalDataMasks"/>, one per event type that can hold personal data.
    /// </summary>
    public static void Configure(StoreOptions opts)
    {
        opts.Events.AddEventTypes([typeof(PersonalDataMasked), typeof(RetentionApplied)]);
        Rule<OrderDecided>(opts, PersonalDataMasks.Mask);
        Rule<OrderFailed>(opts, PersonalDataMasks.Mask);
        Rule<CatalogueSynced>(opts, PersonalDataMasks.Mask);
        Rule<CatalogueFailed>(opts, PersonalDataMasks.Mask);
    }

    // Func, not Action: the masks return a masked copy (the events are immutable records).
    private static void Rule<T>(StoreOptions opts, Func<T, T> mask) where T : class
    {
        opts.Events.AddMaskingRuleForProtectedInformation(mask);
    }
}
