namespace Relay.Domain.PersonalData;

/// <summary>How long a connection's work keeps personal data, and how long the work itself is kept.</summary>
public sealed record RetentionSettings
{
    /// <summary>Days after a work item's last change before its personal data is masked.</summary>
    public int PersonalDataDays { get; init; } = 30;

    /// <summary>Days after a work item's last change before it is deleted with its audit trail.</summary>
    public int WorkItemDays { get; init; } = 180;

    public static Dictionary<string, string[]> Problems(RetentionSettings s)
    {
        var problems = new Dictionary<string, string[]>();
        if (s.PersonalDataDays is < 1 or > 3650) problems["personalDataDays"] = ["From 1 to 3650 days."];
        if (s.WorkItemDays is < 1 or > 3650) problems["workItemDays"] = ["From 1 to 3650 days."];
        else if (s.WorkItemDays < s.PersonalDataDays)
            problems["workItemDays"] = ["At least personalDataDays: work is masked before it is deleted."];
        return problems;
    }
}

/// <summary>What retention does with one work item now.</summary>
public enum RetentionStep { Keep, Mask, Delete }

public static class Retention
{
    /// <param name="pending">The work is still to be done: it is not deleted under its own feet.</param>
    public static RetentionStep For(DateTimeOffset updatedAt, bool masked, bool pending, RetentionSettings settings,
        DateTimeOffset now)
    {
        var age = now - updatedAt;
        if (!pending && age >= TimeSpan.FromDays(settings.WorkItemDays)) return RetentionStep.Delete;
        return !masked && age >= TimeSpan.FromDays(settings.PersonalDataDays) ? RetentionStep.Mask : RetentionStep.Keep;
    }
}
