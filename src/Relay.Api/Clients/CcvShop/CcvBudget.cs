namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// Work on a lane does not wait in its slot for the shop's next minute: a lane has a few dozen slots for every
/// connection, and a connection with a backlog (a flow switched on, a bulk replay) would hold them all while it
/// waits for its budget. Inside <see cref="Deferring"/>, a call past the shop's budget for this minute (ccvshop-api.md
/// §2.6) throws <see cref="CcvBudgetUsedException"/> instead, and the work runs again in the next window.
/// </summary>
public static class CcvBudget
{
    /// <summary>A wait this short is taken in place: cheaper than running the work again.</summary>
    public static readonly TimeSpan WaitedInPlace = TimeSpan.FromSeconds(2);

    private static readonly AsyncLocal<bool> Flag = new();

    /// <summary>True within the current async flow once <see cref="Defer"/> was called in it.</summary>
    public static bool Deferring => Flag.Value;

    /// <summary>From here on in this async method (and what it calls) a used budget defers instead of waiting; the
    /// caller's flow is untouched.</summary>
    public static void Defer() => Flag.Value = true;
}

/// <summary>The shop's budget for this minute is used: the call can be made from <see cref="Next"/> on.</summary>
public sealed class CcvBudgetUsedException(DateTimeOffset next)
    : Exception($"The shop's call budget for this minute is used; the next window opens at {next:HH:mm:ss}.")
{
    public DateTimeOffset Next { get; } = next;
}
