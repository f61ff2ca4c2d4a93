using Relay.Domain.Alerts;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.Alerts;

public sealed class AlertRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertRules Rules = new();

    private static AlertObservations Seen(IReadOnlyList<FinishedWithFailure>? failed = null,
        IReadOnlyList<UnfinishedWork>? unfinished = null, IReadOnlyList<SystemContact>? systems = null,
        IReadOnlyList<PollerRun>? pollers = null) => new(failed ?? [], unfinished ?? [], systems ?? [], pollers ?? []);

    private static FinishedWithFailure Failed(int order, string reason = "Articles missing in AccountView: A1.",
        int minutesAgo = 1) =>
        new($"ccv:c:order:{order}", Flow.Orders, order.ToString(), reason, Now.AddMinutes(-minutesAgo));

    private static SystemContact Contact(string system = "AccountView", int? failingFor = null,
        bool refused = false, int waitSeconds = 0, int waitMinutesAgo = 1) =>
        new(system, failingFor is { } m ? Now.AddMinutes(-m) : null, "AccountView answered 503.",
            refused ? Now.AddMinutes(-1) : null, refused ? "The authorisation was revoked." : null,
            TimeSpan.FromSeconds(waitSeconds), waitSeconds > 0 ? Now.AddMinutes(-waitMinutesAgo) : null);

    private static PollerRun Poll(int? lastSuccessMinutesAgo, bool tried = true) =>
        new("stock poll", Flow.Stock, TimeSpan.FromMinutes(1),
            lastSuccessMinutesAgo is { } m ? Now.AddMinutes(-m) : null, tried ? Now : null, Now.AddDays(-1), "503");

    public static TheoryData<string, AlertObservations, string[]> Cases => new()
    {
        { "nothing wrong", Seen(), [] },
        { "one failed order", Seen(failed: [Failed(1)]), ["WorkFailed:orders x1"] },
        { "500 failures with one cause are one problem", Seen(failed: [.. Enumerable.Range(1, 500).Select(i => Failed(i))]),
            ["WorkFailed:orders x500"] },
        { "two causes are two problems", Seen(failed: [Failed(1), Failed(2, "Debtor blocked."), Failed(3)]),
            ["WorkFailed:orders x2", "WorkFailed:orders x1"] },
        { "unfinished within the stall time", Seen(unfinished: [new("k", Flow.Orders, "1", Now.AddMinutes(-14))]), [] },
        { "unfinished past the stall time", Seen(unfinished: [new("k", Flow.Orders, "1", Now.AddMinutes(-15)),
            new("j", Flow.Orders, "2", Now.AddMinutes(-40))]), ["WorkStalled:orders x2"] },
        { "credentials refused", Seen(systems: [Contact(refused: true)]), ["CredentialsRejected:AccountView x1"] },
        { "failing for less than the unreachable time", Seen(systems: [Contact(failingFor: 9)]), [] },
        { "failing for the unreachable time", Seen(systems: [Contact(failingFor: 10)]), ["Unreachable:AccountView x1"] },
        { "a short rate-limit wait", Seen(systems: [Contact("CCV Shop", waitSeconds: 29)]), [] },
        { "a long rate-limit wait", Seen(systems: [Contact("CCV Shop", waitSeconds: 45)]), ["RateLimited:CCV Shop x1"] },
        { "a long rate-limit wait long ago", Seen(systems: [Contact("CCV Shop", waitSeconds: 45, waitMinutesAgo: 11)]),
            [] },
        { "a poll that succeeded two intervals ago", Seen(pollers: [Poll(2)]), [] },
        { "a poll silent for three intervals", Seen(pollers: [Poll(3)]), ["PollerSilent:stock poll x1"] },
        { "a poll never tried (flow just on)", Seen(pollers: [Poll(null, tried: false)]), [] },
        { "a poll tried and never succeeded", Seen(pollers: [Poll(null)]), ["PollerSilent:stock poll x1"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_observation_gives_its_problems(string name, AlertObservations seen, string[] expected) =>
        AlertDetection.Detect(seen, Rules, Now).Select(p => $"{p.Trigger}:{p.Subject} x{p.Count}").ShouldBe(expected,
            name);

    [Fact]
    public void A_group_names_its_oldest_item_and_keeps_its_id_as_the_count_changes()
    {
        var three = AlertDetection.Detect(Seen(failed: [Failed(7, minutesAgo: 1), Failed(5, minutesAgo: 9),
            Failed(6, minutesAgo: 9)]), Rules, Now).Single();
        var one = AlertDetection.Detect(Seen(failed: [Failed(7)]), Rules, Now).Single();

        three.EntityId.ShouldBe("5");
        three.Since.ShouldBe(Now.AddMinutes(-9));
        one.Id.ShouldBe(three.Id);
    }

    public static TheoryData<string, int?, bool, string[]> Transitions => new()
    {
        // name, open alert sent this many hours ago (null: none open), problem there now, expected changes
        { "a new problem opens", null, true, ["Opened"] },
        { "an open problem stays quiet", 1, true, ["Continues"] },
        { "an open problem is repeated after the quiet period", 24, true, ["Continues, remind"] },
        { "a gone problem is resolved", 1, false, ["Resolved"] },
        { "nothing open, nothing there", null, false, [] },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Alerts_open_once_resolve_once_and_repeat_only_after_the_quiet_period(string name, int? sentHoursAgo,
        bool present, string[] expected)
    {
        var problem = AlertDetection.Detect(Seen(failed: [Failed(1)]), Rules, Now).Single();
        IReadOnlyList<OpenAlert> open = sentHoursAgo is { } h
            ? [new OpenAlert(problem, Now.AddHours(-h), Now.AddHours(-h))]
            : [];
        var changes = AlertBook.Decide(open, present ? [problem] : [], Rules, Now);

        changes.Select(c => c switch
        {
            AlertChange.Continues { Remind: true } => "Continues, remind",
            _ => c.GetType().Name,
        }).ShouldBe(expected, name);
    }

    [Fact]
    public void A_message_names_the_connection_flow_item_step_reason_the_other_systems_words_and_the_links()
    {
        var problem = AlertDetection.Detect(Seen(failed: [Failed(1001), Failed(1002)]), Rules, Now).Single()
            with { Reason = "The debtor is blocked.", OtherSystemMessage = "CONTACT 10001: blocked" };

        var message = AlertText.Compose(AlertNoticeKind.Started, "Webwinkel (shop-1)", problem, "https://r/a",
            "https://r/a/replay");
        var resolved = AlertText.Compose(AlertNoticeKind.Resolved, "Webwinkel (shop-1)", problem, "https://r/a",
            "https://r/a/replay");

        message.Title.ShouldBe("2 orders failed (Webwinkel (shop-1))");
        message.Text.Split('\n').ShouldBe([
            "2 orders failed (Webwinkel (shop-1))", "Connection: Webwinkel (shop-1)", "Flow: orders",
            "First item: order 1001", "Items affected: 2", "Step: sending the order to AccountView",
            "Reason: The debtor is blocked.", "Its own message: CONTACT 10001: blocked", "Audit: https://r/a",
            "Replay: POST https://r/a/replay"]);
        resolved.Title.ShouldBe("Resolved: 2 orders failed (Webwinkel (shop-1))");
        resolved.Text.ShouldNotContain("Replay:");
    }
}
