using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// Two of the mentor's home page's reads on SQLite (issue 23, migration 0058), planned as a new database plans them and
/// as the generated 10,000-candidate provider's statistics plan them (a draft of every candidate, three updates each):
/// the drafts awaiting review are probed from each mentee in the index of drafts with words, not found by reading every
/// submission of the mentee; each place's latest update, cohort's cadence and kept figures are probed by key from the
/// mentor's index, the latest update in the candidate's index alone.
/// </summary>
public sealed class MentorHomePlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private static readonly (string Table, string? Index, string Stat)[] Generated =
    [
        ("Submissions", "IX_Submissions_Drafts", "10000 1 1 1"),
        ("Submissions", "IX_Submissions_Candidate", "32000 4"),
        ("Submissions", "IX_Submissions_Cohort_Task", "32000 640 200"),
        ("ProgressUpdates", "IX_ProgressUpdates_Candidate", "30000 3 3 1"),
        ("Enrolments", "IX_Enrolments_Mentor", "10000 20 1 1 1"),
        ("Enrolments", "IX_Enrolments_Candidate", "10000 1"),
        ("AssessmentTasks", "IX_AssessmentTasks_Course", "4 4"),
    ];

    private Task<List<string>> PlanAsync(string sql, bool analysed) => analysed
        ? QueryPlan.WithStatisticsAsync(Db, sql, new { mentorUserId = 1 }, Generated)
        : QueryPlan.OfAsync(Db, sql, new { mentorUserId = 1 });

    [TestCase(false)]
    [TestCase(true)]
    public async Task TheDraftsAwaitingReview_AreProbedInTheIndexOfDraftsWithWords(bool analysed)
    {
        var plan = await PlanAsync(TaskRepository.DraftsForMentorSql, analysed);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.StartsWith("SEARCH s USING INDEX IX_Submissions_Drafts (CandidateUserId=? AND CohortId=?)"), shown);
        Assert.That(plan, Has.None.Contains("IX_Submissions_Candidate"), shown);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task EachPlacesLatestUpdateCadenceAndFigures_AreProbedByKey(bool analysed)
    {
        var plan = await PlanAsync(MenteeCaseloadRepository.Caseload, analysed);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.StartsWith("SEARCH e USING COVERING INDEX IX_Enrolments_Mentor (MentorUserId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH p USING COVERING INDEX IX_ProgressUpdates_Candidate (CandidateUserId=? AND CohortId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH f USING PRIMARY KEY (EnrolmentId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH pc USING INTEGER PRIMARY KEY (rowid=?)"), shown);
        Assert.That(plan, Has.None.StartsWith("SCAN"), shown);
    }
}
