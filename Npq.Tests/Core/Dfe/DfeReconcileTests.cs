using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Tests.Core.Dfe;

/// <summary>The reconcile page's comparison: a page of candidates costs the same few reads whatever the cohort's size.</summary>
public sealed class DfeReconcileTests
{
    private const int Cohort = 7;
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private Mock<IDfeMirrorRepository> _mirror = null!;
    private Mock<IDfeOutbox> _outbox = null!;
    private Mock<IDeclarationRepository> _declarations = null!;

    [SetUp]
    public void Fresh()
    {
        _mirror = new Mock<IDfeMirrorRepository>();
        _outbox = new Mock<IDfeOutbox>();
        _declarations = new Mock<IDeclarationRepository>();
    }

    private DfeReconcile Reconcile(int candidates)
    {
        var ids = Enumerable.Range(1, candidates).ToList();
        _mirror.Setup(m => m.GetCohortAsync(1, Cohort, It.IsAny<CancellationToken>())).ReturnsAsync(new DfeCohort(Cohort, "Spring", "npq-headship", 2026, "a", "Europe/London"));
        var lines = ids.Select(id => new DeclarationCandidate
        {
            EnrolmentId = id, CandidateUserId = 100 + id, CandidateName = $"Candidate {id}", DfeParticipantId = Participant(id), CourseIdentifier = "npq-headship",
            Facts = new EnrolmentFacts { EnrolmentId = id, CourseIdentifier = "npq-headship", TrainingStatus = TrainingStatus.Active },
        }).ToList();
        var links = ids.Select(id => new DfeEnrolmentLink
        {
            EnrolmentId = id, NpqApplicationId = id, CandidateName = $"Candidate {id}", ParticipantId = Participant(id), CourseIdentifier = "npq-headship", TrainingStatus = "Deferred",
        }).ToList();
        _declarations.Setup(d => d.GetCohortFactsAsync(Cohort, It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).ReturnsAsync(lines);
        _declarations.Setup(d => d.GetCohortFactsPageAsync(Cohort, It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int _, DateTime _, int skip, int take, CancellationToken _) => lines.Skip(skip).Take(take).ToList());
        _declarations.Setup(d => d.CountCohortAsync(Cohort, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortDeclarationCounts(candidates, 0));
        _declarations.Setup(d => d.GetPositionAsync(Cohort, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int _, int enrolmentId, CancellationToken _) => enrolmentId >= 1 && enrolmentId <= candidates ? enrolmentId - 1 : null);
        _declarations.Setup(d => d.GetForCohortAsync(Cohort, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _declarations.Setup(d => d.GetForEnrolmentsAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _mirror.Setup(m => m.GetEnrolmentLinksAsync(Cohort, It.IsAny<CancellationToken>())).ReturnsAsync(links);
        _mirror.Setup(m => m.GetEnrolmentLinksAsync(Cohort, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int _, IReadOnlyCollection<int> asked, CancellationToken _) => links.Where(l => asked.Contains(l.EnrolmentId)).ToList());
        _mirror.Setup(m => m.GetLinkedApplicationsAsync(1, Cohort, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _mirror.Setup(m => m.GetViewAsync(1, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int _, IReadOnlyCollection<string> asked, CancellationToken _) => new DfeView(
                asked.Select(p => new DfeEnrolmentState(p, "npq-headship", "active", Now.AddDays(-1))).ToList(), [], [], [], []));
        _outbox.Setup(o => o.ForSubjectsAsync(1, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var review = new DeclarationReviewService(_declarations.Object, []);
        return new DfeReconcile(_mirror.Object, _outbox.Object, review, new FakeTimeProvider(new DateTimeOffset(Now)), NullLogger<DfeReconcile>.Instance);
    }

    private static string Participant(int id) => $"00000000-0000-4000-8000-{id:D12}";

    [Test]
    public async Task PageAsync_SecondPageOfSixty_ComparesOnlyItsCandidatesWithOneReadOfEach()
    {
        var page = await Reconcile(60).PageAsync(1, Cohort, 25, 25);

        Assert.That(page!.Candidates, Is.EqualTo(60));
        Assert.That(page.Differences.Select(d => d.EnrolmentId), Is.EqualTo(Enumerable.Range(26, 25).Cast<int?>()), "one status difference per candidate of the page");
        Assert.That(page.Differences.Select(d => d.Fix!.Kind), Has.All.EqualTo(DfeJobKind.Defer));
        _mirror.Verify(m => m.GetViewAsync(1, It.Is<IReadOnlyCollection<string>>(ids => ids.Count == 25 && ids.Contains(Participant(26)) && !ids.Contains(Participant(1))), It.IsAny<CancellationToken>()), Times.Once);
        _mirror.Verify(m => m.GetEnrolmentLinksAsync(Cohort, It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(Enumerable.Range(26, 25))), It.IsAny<CancellationToken>()), Times.Once);
        _mirror.Verify(m => m.GetEnrolmentLinksAsync(Cohort, It.IsAny<CancellationToken>()), Times.Never, "the whole cohort's links are never read for a page");
        _declarations.Verify(d => d.GetCohortFactsPageAsync(Cohort, It.IsAny<DateTime>(), 25, 25, It.IsAny<CancellationToken>()), Times.Once);
        _declarations.Verify(d => d.GetForEnrolmentsAsync(It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(Enumerable.Range(26, 25))), It.IsAny<CancellationToken>()), Times.Once);
        _declarations.Verify(d => d.GetCohortFactsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never, "nor the whole cohort's facts");
        _declarations.Verify(d => d.GetForCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _outbox.Verify(o => o.ForSubjectsAsync(1, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        _mirror.Verify(m => m.GetLinkedApplicationsAsync(1, Cohort, It.IsAny<CancellationToken>()), Times.Never, "rejected applications are listed on the first page only");
    }

    [Test]
    public async Task EnrolmentAsync_OneCandidate_ComparesThatLineAloneWithoutReadingTheCohort()
    {
        var reconcile = Reconcile(60);

        var one = await reconcile.EnrolmentAsync(1, Cohort, 40);
        var none = await reconcile.EnrolmentAsync(1, Cohort, 999);

        Assert.That(one!.Differences.Select(d => d.EnrolmentId), Is.EqualTo(new int?[] { 40 }));
        Assert.That(one.Candidates, Is.EqualTo(60));
        Assert.That(none!.Differences, Is.Empty, "an enrolment not of the cohort shows nothing");
        _declarations.Verify(d => d.GetCohortFactsPageAsync(Cohort, It.IsAny<DateTime>(), 39, 1, It.IsAny<CancellationToken>()), Times.Once);
        _declarations.Verify(d => d.GetCohortFactsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task PageAsync_TheSamePageAsTheWholeComparison()
    {
        var reconcile = Reconcile(60);

        var whole = await reconcile.ForCohortAsync(1, Cohort);
        var page = await reconcile.PageAsync(1, Cohort, 50, 25);

        Assert.That(page!.Differences.Select(d => (d.Key, d.NpqSays, d.DfeSays)), Is.EqualTo(whole!.Differences.Skip(50).Select(d => (d.Key, d.NpqSays, d.DfeSays))));
        Assert.That((page.Candidates, whole.Candidates), Is.EqualTo((60, 60)));
    }

    [Test]
    public async Task QueueFixesAsync_CohortLargerThanABatch_QueuesEveryFixReadingABatchAtATime()
    {
        var reconcile = Reconcile(DfeReconcile.Batch + 20);
        _outbox.Setup(o => o.EnqueueAsync(It.IsAny<DfeJob>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var queued = await reconcile.QueueFixesAsync(1, Cohort, null);

        Assert.That(queued, Is.EqualTo(DfeReconcile.Batch + 20));
        _mirror.Verify(m => m.GetViewAsync(1, It.Is<IReadOnlyCollection<string>>(ids => ids.Count <= DfeReconcile.Batch), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
