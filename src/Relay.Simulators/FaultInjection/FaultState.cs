namespace Relay.Simulators.FaultInjection;

/// <summary>The live fault settings of one simulator, with the counters that the "next N" faults use up.</summary>
public sealed class FaultState
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = new();
    private Random _random = new(42);
    private int _burst429;
    private int _succeedThen500;
    private int _dropWebhooks;

    public FaultSettings Settings { get { lock (_gate) return _settings; } }

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = new Random(settings.Seed);
            _burst429 = settings.Burst429;
            _succeedThen500 = settings.SucceedThen500;
            _dropWebhooks = settings.DropWebhooks;
        }
    }

    public FaultDecision Next(bool isWrite)
    {
        lock (_gate)
        {
            if (_burst429 > 0) { _burst429--; return FaultDecision.TooManyRequests; }
            var roll = _random.NextDouble();
            if (roll < _settings.TimeoutRate) return FaultDecision.Hang;
            if (roll < _settings.TimeoutRate + _settings.ErrorRate)
                return _random.Next(2) == 0 ? FaultDecision.Error500 : FaultDecision.Error503;
            if (isWrite && _succeedThen500 > 0) { _succeedThen500--; return FaultDecision.SucceedThen500; }
            return FaultDecision.None;
        }
    }

    public bool TakeDroppedWebhook()
    {
        lock (_gate)
        {
            if (_dropWebhooks <= 0) return false;
            _dropWebhooks--;
            return true;
        }
    }
}

public enum FaultDecision
{
    None,
    TooManyRequests,
    Hang,
    Error500,
    Error503,
    SucceedThen500,
}
