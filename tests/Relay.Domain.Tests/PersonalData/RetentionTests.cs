using Relay.Domain.PersonalData;

namespace Relay.Domain.Tests.PersonalData;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(29, false, false, RetentionStep.Keep)]
    [InlineData(30, false, false, RetentionStep.Mask)]
    [InlineData(30, true, false, RetentionStep.Keep)]
    [InlineData(179, true, false, RetentionStep.Keep)]
    [InlineData(180, true, false, RetentionStep.Delete)]
    [InlineData(180, false, false, RetentionStep.Delete)]
    [InlineData(180, false, true, RetentionStep.Mask)]
    [InlineData(400, true, true, RetentionStep.Keep)]
    public void Work_is_masked_after_the_personal_data_days_and_deleted_after_the_work_item_days_unless_pending(
        int daysSinceChange, bool masked, bool pending, RetentionStep expected)
    {
        Retention.For(Now.AddDays(-daysSinceChange), masked, pending, new RetentionSettings(), Now).ShouldBe(expected);
    }

    [Theory]
    [InlineData(30, 180, null)]
    [InlineData(1, 1, null)]
    [InlineData(0, 180, "personalDataDays")]
    [InlineData(30, 3651, "workItemDays")]
    [InlineData(30, 29, "workItemDays")]
    public void Retention_settings_are_days_and_work_is_masked_before_it_is_deleted(int personal, int work,
        string? problem)
    {
        var problems =
            RetentionSettings.Problems(new RetentionSettings { PersonalDataDays = personal, WorkItemDays = work });
        if (problem is null) problems.ShouldBeEmpty();
        else problems.Keys.ShouldBe([problem]);
    }
}
