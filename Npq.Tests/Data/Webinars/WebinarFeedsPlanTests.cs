using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

/// <summary>
/// The two reads of sessions that run unseen by any page (issue 23), on SQLite, with no statistics (a site's database)
/// and with the benchmark's (10,000 candidates, 600 sessions): the reminder job's, every minute, starts from the
/// sessions in its window; a calendar feed's, whenever a calendar app asks, from the person's cohorts and the sessions
/// they facilitate. Neither reads the site's sessions or enrolments whole.
/// </summary>
public sealed class WebinarFeedsPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private static readonly (string, string?, string)[] BenchStatistics =
    [
        ("WebinarSessions", "IX_WebinarSessions_Start", "600 7"),
        ("WebinarSessions", "IX_WebinarSessions_Cohort", "600 12 1"),
        ("WebinarSessions", "IX_WebinarSessions_Facilitator", "600 12"),
        ("WebinarSessions", "IX_WebinarSessions_Provider_Start", "600 600 7"),
        ("Enrolments", "IX_Enrolments_Status", "10000 3334"),
        ("Enrolments", "IX_Enrolments_Cohort_Status", "10000 200 200"),
        ("Enrolments", "IX_Enrolments_Candidate", "10000 1"),
        ("Enrolments", "sqlite_autoindex_Enrolments_1", "10000 200 1"),
        ("Users", "sqlite_autoindex_Users_1", "12521 1"),
        ("Cohorts", "IX_Cohorts_Start", "50 3 1"),
    ];

    private static readonly (string, string?, string)[] NoStatistics = [];

    private static IEnumerable<TestCaseData> Statistics()
    {
        yield return new TestCaseData(NoStatistics).SetArgDisplayNames("none");
        yield return new TestCaseData(BenchStatistics).SetArgDisplayNames("the bench's");
    }

    [TestCaseSource(nameof(Statistics))]
    public async Task RemindersDue_StartFromTheSessionsInTheWindow((string, string?, string)[] statistics)
    {
        var plan = await QueryPlan.WithStatisticsAsync(Db, WebinarRepository.DueRemindersSql, new { fromUtc = DateTime.UtcNow, toUtc = DateTime.UtcNow.AddHours(1) }, statistics);
        var shown = string.Join("\n", plan);

        Assert.That(plan.Count(line => line.StartsWith("SEARCH s USING INDEX IX_WebinarSessions_Start (StartUtc>? AND StartUtc<?)", StringComparison.Ordinal)), Is.EqualTo(2),
            $"both halves (candidates, facilitators) start from the window's sessions:\n{shown}");
        Assert.That(plan.IndexOf(plan.First(line => line.StartsWith("SEARCH s ", StringComparison.Ordinal))),
            Is.LessThan(plan.FindIndex(line => line.StartsWith("SEARCH e ", StringComparison.Ordinal))), $"sessions first, then their cohort's enrolments:\n{shown}");
        Assert.That(plan, Has.None.StartsWith("SCAN").And.None.StartsWith("MATERIALIZE"), shown);
    }

    [TestCaseSource(nameof(Statistics))]
    public async Task CalendarFeed_ReadsThePersonsCohortsAndFacilitatedSessionsByIndex((string, string?, string)[] statistics)
    {
        var plan = await QueryPlan.WithStatisticsAsync(Db, WebinarRepository.CalendarSql, new { userId = 7 }, statistics);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.StartsWith("SEARCH e USING INDEX IX_Enrolments_Candidate (CandidateUserId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH s USING COVERING INDEX IX_WebinarSessions_Cohort (CohortId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH WebinarSessions USING COVERING INDEX IX_WebinarSessions_Facilitator (FacilitatorUserId=?)"), shown);
        Assert.That(plan, Has.None.StartsWith("SCAN"), shown);
    }
}
