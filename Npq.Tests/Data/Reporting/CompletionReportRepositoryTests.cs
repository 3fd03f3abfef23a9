using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Enrolment;
using Npq.Data.Reporting;
using Npq.Tests.Web.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The completion report's query on each provider: one candidate with attendance, evidence, tasks and progress, one
/// with nothing yet, read on screen (coverage in the query) and streamed (coverage beside it) to the same rows.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CompletionReportRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private readonly FakeFinalOutcomes _outcomes = new();
    private int _schoolId;
    private int _mentorId;
    private int _cohortId;
    private int _adaEnrolment;
    private int _benEnrolment;

    private CompletionReportRepository Repository() => new(Db, Frameworks, [_outcomes]);

    private ReportScope Provider => ReportScope.ForProvider(ProviderId);

    [OneTimeSetUp]
    public async Task Cohort()
    {
        _schoolId = await Data.SchoolAsync("Hill School");
        _mentorId = await Data.UserAsync("mo@contract.example", "Mo Mentor", Roles.Mentor);
        var ada = await Data.UserAsync("ada@contract.example", "Ada Lovelace", Roles.Candidate, _schoolId);
        var ben = await Data.UserAsync("ben@contract.example", "Ben Nobody", Roles.Candidate);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        _cohortId = await Data.CohortAsync(course, "Contract Cohort");
        _adaEnrolment = await Data.EnrolAsync(_cohortId, ada, _mentorId);
        _benEnrolment = await Data.EnrolAsync(_cohortId, ben, null, "Deferred");
        await Data.ApplicationAsync(_cohortId, ada, "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", "db3a7848-7308-4879-942a-c4a70ced400a");

        // Session 1 attended in full; session 2 marked absent: one of two counted.
        var s1 = await Data.SessionAsync(_cohortId, At(3, 2, 10));
        var s2 = await Data.SessionAsync(_cohortId, At(3, 9, 10));
        await Data.SegmentAsync(s1, ada, At(3, 2, 10), At(3, 2, 11));
        await Data.MarkAsync(s2, ada, "Absent", _mentorId);

        var statements = Data.StatementIds;
        await Data.EvidenceAsync(ada, At(2, 1, 12), draft: false, statements[0], statements[1]);
        await Data.EvidenceAsync(ada, At(2, 2, 12), draft: true, statements[2]);
        // A link to a statement of no framework (one since removed from the content) is not coverage: still 2 covered.
        await Data.EvidenceAsync(ada, At(2, 3, 12), draft: false, "no-framework-has-this-statement", statements[0]);

        // Task 1 handed in on its due date (17:00 in London); task 2 overdue.
        var t1 = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 3, 10));
        await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 4, 10));
        await Data.SubmitAsync(t1, ada, _cohortId, At(3, 10, 17));

        await Data.ProgressAsync(ada, _cohortId, _mentorId, At(3, 1, 9), ("a", "Developing"), ("b", "Developing"));
        await Data.ProgressAsync(ada, _cohortId, _mentorId, At(4, 1, 9), ("a", "Secure"), ("b", "Emerging"));

        _outcomes.Outcomes[_adaEnrolment] = new FinalOutcome(_adaEnrolment, OutcomeState.Passed, new DateOnly(2026, 7, 15), At(5, 20, 12));
    }

    [Test]
    public async Task Stream_CandidateWithEngagement_EveryColumnAggregated()
    {
        var rows = await ToListAsync(Repository().StreamAsync(Provider, new CompletionFilter(), Now));

        var ada = rows.Single(r => r.EnrolmentId == _adaEnrolment);
        Assert.That(ada with { CandidateUserId = 0, CohortId = 0 }, Is.EqualTo(new CompletionRow
        {
            EnrolmentId = _adaEnrolment,
            CandidateName = "Ada Lovelace",
            SchoolName = "Hill School",
            DfeParticipantId = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562",
            DfeApplicationId = "db3a7848-7308-4879-942a-c4a70ced400a",
            CourseIdentifier = "npq-senior-leadership",
            CohortName = "Contract Cohort",
            DfeCohort = "2026b",
            TrainingStatus = TrainingStatus.Active,
            MentorName = "Mo Mentor",
            SessionsCounted = 2,
            SessionsAttended = 1,
            StatementsCovered = 2,
            StatementsTotal = Data.StatementIds.Count,
            TasksSet = 2,
            TasksSubmitted = 1,
            TasksOnTime = 1,
            TasksOverdue = 1,
            LatestRating = ProgressRating.Emerging,
            LatestRatingSum = 4,
            PreviousRatingSum = 4,
            Outcome = OutcomeState.Passed,
            CompletionDate = new DateOnly(2026, 7, 15),
        }));
        Assert.That(ada.CohortId, Is.EqualTo(_cohortId));
    }

    [Test]
    public async Task Stream_CandidateWithNothingYet_ZerosAndNoRatings()
    {
        var rows = await ToListAsync(Repository().StreamAsync(Provider, new CompletionFilter(), Now));

        var ben = rows.Single(r => r.EnrolmentId == _benEnrolment);
        Assert.That((ben.SchoolName, ben.MentorName, ben.DfeParticipantId, ben.TrainingStatus), Is.EqualTo(((string?)null, (string?)null, (string?)null, TrainingStatus.Deferred)));
        Assert.That((ben.SessionsCounted, ben.SessionsAttended, ben.StatementsCovered, ben.TasksSubmitted, ben.TasksOverdue), Is.EqualTo((2, 0, 0, 0, 2)));
        Assert.That((ben.LatestRating, ben.LatestRatingSum, ben.PreviousRatingSum, ben.Outcome), Is.EqualTo(((ProgressRating?)null, -1, -1, (OutcomeState?)null)));
    }

    [Test]
    public async Task PageAndStream_SameFilter_SameRowsWhereverCoverageIsCounted()
    {
        var repository = Repository();
        foreach (var sort in new[] { CompletionSort.Candidate, CompletionSort.Coverage, CompletionSort.Attendance })
        {
            var filter = new CompletionFilter { CohortId = _cohortId, Sort = sort, Descending = true };

            var page = await repository.GetPageAsync(Provider, filter, 1, 10, Now);
            var streamed = await ToListAsync(repository.StreamAsync(Provider, filter, Now));

            Assert.That(page.Rows, Is.EqualTo(streamed), sort.ToString());
            Assert.That(page.Total, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task GetPage_EverySortBothWays_PagesOfOneAddUpToTheStreamedRowsWithTheirFigures()
    {
        // Sorts by name, school, cohort, status or mentor choose the page before computing its figures (issue 23);
        // the others compute every row first. Either way each page holds the rows the whole report has there.
        var repository = Repository();
        foreach (var sort in Enum.GetValues<CompletionSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                var filter = new CompletionFilter { CohortId = _cohortId, Sort = sort, Descending = descending };
                var streamed = await ToListAsync(repository.StreamAsync(Provider, filter, Now));
                var paged = new List<CompletionRow>();
                for (var page = 1; page <= streamed.Count; page++)
                {
                    paged.AddRange((await repository.GetPageAsync(Provider, filter, page, 1, Now)).Rows);
                }

                Assert.That(paged, Is.EqualTo(streamed), $"{sort} {(descending ? "descending" : "ascending")}");
            }
        }
    }

    [Test]
    public async Task GetPage_ProviderWideEverySortBothWays_PagesAddUpToTheStreamedRows_AnotherProvidersCandidatesNever()
    {
        // Without a cohort's filter the provider's first page by name walks every user in name order and stops after
        // the page (issue 23): candidates of another provider, named before, between and after this provider's, are
        // walked past and never shown, and every sort's pages are still the whole report's rows there.
        var otherProvider = await new OrganisationRepository(Db).EnsureProviderAsync("Another provider", At(1, 1, 0));
        var otherCourse = await Data.CourseAsync("npq-headship", leadership: true);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Courses SET ProviderId = @otherProvider WHERE Id = @otherCourse", new { otherProvider, otherCourse });
        }

        var otherCohort = await Data.CohortAsync(otherCourse, "Another provider's cohort");
        foreach (var name in new[] { "Aaron Outsider", "Bea Outsider", "Zoe Outsider" })
        {
            var outsider = await Data.UserAsync($"{name.Replace(' ', '.').ToLowerInvariant()}@other.example", name, Roles.Candidate, providerId: otherProvider);
            await Data.EnrolAsync(otherCohort, outsider, null);
        }

        var repository = Repository();
        foreach (var sort in Enum.GetValues<CompletionSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                var filter = new CompletionFilter { Sort = sort, Descending = descending };
                var streamed = await ToListAsync(repository.StreamAsync(Provider, filter, Now));
                var paged = new List<CompletionRow>();
                for (var page = 1; page <= streamed.Count; page++)
                {
                    paged.AddRange((await repository.GetPageAsync(Provider, filter, page, 1, Now)).Rows);
                }

                var label = $"{sort} {(descending ? "descending" : "ascending")}";
                Assert.That(paged, Is.EqualTo(streamed), label);
                Assert.That(streamed.Select(r => r.CandidateName), Is.EquivalentTo(new[] { "Ada Lovelace", "Ben Nobody" }), label);
            }
        }

        var byName = await repository.GetPageAsync(Provider, new CompletionFilter(), 1, 25, Now);
        Assert.That((byName.Total, byName.Rows.Select(r => r.CandidateName)), Is.EqualTo((2, new[] { "Ada Lovelace", "Ben Nobody" })));
        var descendingByName = await repository.GetPageAsync(Provider, new CompletionFilter { Descending = true }, 1, 25, Now);
        Assert.That(descendingByName.Rows.Select(r => r.CandidateName), Is.EqualTo(new[] { "Ben Nobody", "Ada Lovelace" }));
        Assert.That(await repository.CountAsync(ReportScope.ForProvider(otherProvider), new CompletionFilter()), Is.EqualTo(3));
    }

    [Test]
    public async Task GetPage_PageAfterTheLast_ClampedToTheLast()
    {
        var page = await Repository().GetPageAsync(Provider, new CompletionFilter { Sort = CompletionSort.Candidate }, 7, 1, Now);

        Assert.That((page.Page, page.PageCount, page.Rows.Single().CandidateName), Is.EqualTo((2, 2, "Ben Nobody")));
    }

    [Test]
    public async Task Count_EachScopeAndFilter_OnlyItsEnrolments()
    {
        var repository = Repository();

        Assert.That(await repository.CountAsync(Provider, new CompletionFilter()), Is.EqualTo(2));
        Assert.That(await repository.CountAsync(ReportScope.ForSchool(_schoolId), new CompletionFilter()), Is.EqualTo(1));
        Assert.That(await repository.CountAsync(ReportScope.ForMentor(_mentorId), new CompletionFilter()), Is.EqualTo(1));
        Assert.That(await repository.CountAsync(ReportScope.ForProvider(ProviderId + 1000), new CompletionFilter()), Is.Zero);
        Assert.That(await repository.CountAsync(ReportScope.Nobody, new CompletionFilter()), Is.Zero);
        Assert.That(await repository.CountAsync(Provider, new CompletionFilter { Status = TrainingStatus.Deferred }), Is.EqualTo(1));
        Assert.That(await repository.CountAsync(Provider, new CompletionFilter { CohortId = _cohortId + 1000 }), Is.Zero);
    }
}
