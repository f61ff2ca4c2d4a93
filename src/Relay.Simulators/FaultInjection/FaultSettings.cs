namespace Relay.Simulators.FaultInjection;

/// <summary>
/// Faults a simulator injects, settable at start-up and through its control API. Rates are fractions
/// of requests (0 to 1), drawn from a seeded random so a test run is repeatable.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Added to every imitated API call.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Added to every write only (a slow insert, to catch a caller mid-write).</summary>
    public int WriteLatencyMs { get; init; }

    /// <summary>Fraction answered 500 or 503 (alternating) without doing anything.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Fraction that never answers (until the caller gives up).</summary>
    public double TimeoutRate { get; init; }

    /// <summary>The next N calls are answered 429.</summary>
    public int Burst429 { get; init; }

    /// <summary>The next N writes are carried out and then answered 500, as if the answer was lost.</summary>
    public int SucceedThen500 { get; init; }

    /// <summary>CCV Shop: the next N webhook deliveries are dropped (never sent).</summary>
    public int DropWebhooks { get; init; }

    public int Seed { get; init; } = 42;
}
