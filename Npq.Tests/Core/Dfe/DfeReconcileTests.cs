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
        _declarations.Setup(d => d.GetCohortFactsAsync(Cohort, It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).ReturnsAsync(ids.Select(id => new DeclarationCandidate
        {
            EnrolmentId = id, CandidateUserId = 100 + id, CandidateName = $"Candidate {id}", DfeParticipantId = Participant(id), CourseIdentifier = "npq-headship",
            Facts = new EnrolmentFacts { EnrolmentId = id, CourseIdentifier = "npq-headship", TrainingStatus = TrainingStatus.Active },
        }).ToList());
        _declarations.Setup(d => d.GetForCohortAsync(Cohort, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _mirror.Setup(m => m.GetEnrolmentLinksAsync(Cohort, It.IsAny<CancellationToken>())).ReturnsAsync(ids.Select(id => new DfeEnrolmentLink
        {
            EnrolmentId = id, NpqApplicationId = id, CandidateName = $"Candidate {id}", ParticipantId = Participant(id), CourseIdentifier = "npq-headship", TrainingStatus = "Deferred",
        }).ToList());
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
        _mirror.Verify(m => m.GetEnrolmentLinksAsync(Cohort, It.IsAny<CancellationToken>()), Times.Once);
        _declarations.Verify(d => d.GetCohortFactsAsync(Cohort, It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Once);
        _declarations.Verify(d => d.GetForCohortAsync(Cohort, It.IsAny<CancellationToken>()), Times.Once);
        _outbox.Verify(o => o.ForSubjectsAsync(1, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Once);
        _mirror.Verify(m => m.GetLinkedApplicationsAsync(1, Cohort, It.IsAny<CancellationToken>()), Times.Never, "rejected applications are listed on the first page only");
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
