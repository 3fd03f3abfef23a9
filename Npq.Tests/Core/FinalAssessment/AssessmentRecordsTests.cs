using Moq;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;

namespace Npq.Tests.Core.FinalAssessment;

/// <summary>Records, certificates and the cohort archive (<see cref="AssessmentRecords"/>), and what the pages read (<see cref="FinalAssessmentQueries"/>).</summary>
public sealed class AssessmentRecordsTests
{
    private MarkingFakes _fakes = null!;

    [SetUp]
    public void SetUp() => _fakes = new MarkingFakes();

    private AssessmentRecords Records() => new(_fakes.Marking.Object, _fakes.Policies(), _fakes.Audit.Object, _fakes.Time);

    [Test]
    public async Task GetArchivedScriptsAsync_OnlyReleasedScripts()
    {
        _fakes.CohortScripts(Script(1, MarkingState.Released), Script(2, MarkingState.ReadyForRelease), Script(3, MarkingState.Released));

        var archived = await Records().GetArchivedScriptsAsync(CohortId);

        Assert.That(archived.Select(s => s.Id), Is.EqualTo(new[] { 1, 3 }));
    }

    [Test]
    public async Task ArchiveFileNameAsync_CourseCodeCohortAndId_NullForAnUnknownCohort()
    {
        Assert.That(await Records().ArchiveFileNameAsync(CohortId), Is.EqualTo("final-assessment-records-npqsl-2026a-cohort-7.zip"));
        Assert.That(await Records().ArchiveFileNameAsync(99), Is.Null);
    }

    [Test]
    public void ArchiveEntryName_ReferenceBeforeTheDocumentsName() =>
        Assert.That(AssessmentRecords.ArchiveEntryName(Script(12, MarkingState.Released), "record.pdf"), Is.EqualTo("FA-00012-record.pdf"));

    [Test]
    public void ArchiveExpired_AnHourAfterFinishing()
    {
        Assert.That(AssessmentRecords.ArchiveExpired(null, Now), Is.False, "still running");
        Assert.That(AssessmentRecords.ArchiveExpired(Now.AddMinutes(-59), Now), Is.False);
        Assert.That(AssessmentRecords.ArchiveExpired(Now.AddMinutes(-61), Now), Is.True);
    }

    [Test]
    public async Task Downloads_AndExport_AreAudited()
    {
        var job = Guid.NewGuid();

        await Records().RecordDownloadedAsync(Admin, 5);
        await Records().CertificateDownloadedAsync(Candidate, 5);
        await Records().ExportStartedAsync(Admin, CohortId, job);

        Assert.That(_fakes.AuditEntries.Select(e => (e.Action, e.Subject, e.Detail, e.ActorUserId)), Is.EqualTo(new[]
        {
            ("assessment.record-download", "script:5", (string?)null, (int?)Admin),
            ("assessment.certificate-download", "script:5", null, Candidate),
            ("assessment.export", "script:0", $"cohort={CohortId};job={job}", Admin),
        }));
    }

    [Test]
    public async Task Queries_CohortBoard_MentorsPolicyAndTheCohortsOwnOverrides()
    {
        var zones = new Mock<IUserTimeZones>();
        zones.Setup(z => z.GetAsync(Admin, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "Asia/Dubai" });
        _fakes.Marking.Setup(m => m.GetPolicyOverridesAsync(CourseId, CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync((new PolicyOverrides(70, null, null), new PolicyOverrides(null, 40, null)));
        _fakes.CohortScripts(Script(1, MarkingState.NotMarked), Script(2, MarkingState.NotMarked, candidate: 101));
        var queries = new FinalAssessmentQueries(_fakes.Marking.Object, Mock.Of<ITaskRepository>(), _fakes.Policies(), zones.Object);

        var board = (await queries.GetCohortBoardAsync(CohortId, Admin))!;

        Assert.That(board.Policy, Is.EqualTo(new FinalAssessmentPolicy(70, 40, false)));
        Assert.That(board.CohortOverrides, Is.EqualTo(new PolicyOverrides(null, 40, null)));
        Assert.That(board.Mentors[Candidate], Is.EquivalentTo(new[] { Mentor }));
        Assert.That(board.Mentors.ContainsKey(101), Is.False, "a candidate with no mentor has none listed");
        Assert.That((board.Total, board.Counts[MarkingState.NotMarked], board.Scripts.Count, board.Page), Is.EqualTo((2, 2, 2, 1)));

        var second = (await queries.GetCohortBoardAsync(CohortId, Admin, page: 2, size: 1))!;
        var pastTheEnd = (await queries.GetCohortBoardAsync(CohortId, Admin, page: 9, size: 1))!;
        Assert.That((second.Page, second.Scripts.Single().Id, second.Total), Is.EqualTo((2, 2, 2)), "page 2 holds the next script; the counts are the cohort's");
        Assert.That((pastTheEnd.Page, pastTheEnd.Scripts.Single().Id), Is.EqualTo((1, 1)), "a page past the end is the first");
        _fakes.Marking.Verify(m => m.GetMentorIdsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "mentors in one query for the page, never per script");
        Assert.That(board.Assessors.Select(a => a.Id), Does.Contain(Tom));
        Assert.That(board.ViewerZone, Is.EqualTo("Asia/Dubai"));
        Assert.That(await queries.GetCohortBoardAsync(99, Admin), Is.Null);
    }

    [Test]
    public async Task Queries_CohortOverviews_CountScriptsByState()
    {
        _fakes.Marking.Setup(m => m.GetCohortsPageForAdminAsync(Admin, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync((1, [_fakes.Cohort]));
        _fakes.Marking.Setup(m => m.GetStateCountsForCohortsAsync(It.Is<IReadOnlyList<int>>(ids => ids.SequenceEqual(new[] { _fakes.Cohort.Id })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, IReadOnlyDictionary<MarkingState, int>>
            {
                [_fakes.Cohort.Id] = new Dictionary<MarkingState, int> { [MarkingState.NotMarked] = 2, [MarkingState.Released] = 1 },
            });
        var queries = new FinalAssessmentQueries(_fakes.Marking.Object, Mock.Of<ITaskRepository>(), _fakes.Policies(), Mock.Of<IUserTimeZones>());

        var overview = (await queries.GetCohortOverviewsPageAsync(Admin, 1, 25)).Cohorts.Single();

        _fakes.Marking.Verify(m => m.GetScriptsForCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "counted in the database, not by reading every script");

        Assert.That(overview.Counts, Is.EquivalentTo(new Dictionary<MarkingState, int> { [MarkingState.NotMarked] = 2, [MarkingState.Released] = 1 }));
    }
}
