using Moq;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class EvidenceQueriesTests
{
    private PortfolioFakes _fakes = null!;
    private Mock<IEvidenceRepository> _evidence = null!;
    private Mock<IFeedbackRepository> _feedback = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _evidence = new Mock<IEvidenceRepository>();
        _feedback = new Mock<IFeedbackRepository>();
        _evidence.Setup(e => e.GetPageForCandidateAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((new List<EvidenceSummary>(), false));
    }

    private EvidenceQueries Queries() => new(_evidence.Object, _feedback.Object, _fakes.Lookup);

    [TestCase(null, 1, 0)]
    [TestCase(-4, 1, 0)]
    [TestCase(3, 3, 50)]
    [TestCase(9_999_999, 100_000, 2_499_975)]
    public async Task ListAsync_PageNumber_IsClampedAndReadByOffset(int? page, int shown, int skip)
    {
        var listing = await Queries().ListAsync(PortfolioFakes.Candidate, page, default);

        Assert.That(listing.Page, Is.EqualTo(shown));
        Assert.That(listing.CandidateName, Is.EqualTo($"User {PortfolioFakes.Candidate}"));
        _evidence.Verify(e => e.GetPageForCandidateAsync(PortfolioFakes.Candidate, skip, EvidenceQueries.PageSize, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task FormAsync_NoFrameworkAnywhere_IsNull()
    {
        _fakes.Catalog.Setup(c => c.Find(It.IsAny<string>())).Returns((Framework?)null);
        _fakes.Catalog.Setup(c => c.All).Returns([]);

        Assert.That(await Queries().FormAsync(PortfolioFakes.Candidate, null, default), Is.Null);
    }

    [Test]
    public async Task CoverageAsync_CountsRecordedEvidenceAgainstTheCandidatesFramework()
    {
        _evidence.Setup(e => e.GetStatementCountsAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, int> { ["a1"] = 2 });

        var coverage = await Queries().CoverageAsync(PortfolioFakes.Candidate, default);

        Assert.That(coverage.Report!.Covered, Is.EqualTo(1));
        Assert.That(coverage.Report.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task DetailAsync_ClaimedStatementsNoLongerInTheFramework_AreLeftOutOfTheThreadsChoices()
    {
        var item = new EvidenceItem { Id = 4, CandidateUserId = PortfolioFakes.Candidate, Title = "T", StatementIds = ["a2", "gone"] };

        var detail = await Queries().DetailAsync(item, default);

        Assert.That(detail.Statements.Select(s => s.Id), Is.EqualTo(new[] { "a2" }));
        Assert.That(detail.CohortZone, Is.EqualTo("Asia/Dubai"));
        _feedback.Verify(f => f.GetThreadAsync(FeedbackTarget.Evidence, 4, It.IsAny<CancellationToken>()));
    }
}
