using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CohortDeclarationsTests
{
    private const int CohortId = 5;
    private const int EnrolmentId = 11;
    private static readonly ReportScope Provider = ReportScope.ForProvider(1);
    private static readonly DateTime FirstEvidence = Now.AddDays(-10);
    private readonly Mock<IDeclarationRepository> _declarations = new();
    private readonly Mock<IReportLookups> _lookups = new();
    private readonly RecordedAudit _audit = new();
    private readonly List<DeclarationRecord> _records = [];

    [SetUp]
    public void Cohort()
    {
        _lookups.Setup(l => l.GetProviderCohortAsync(Provider.ProviderId!.Value, CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortOption { CohortId = CohortId, CohortName = "Spring" });
        _lookups.Setup(l => l.GetProviderNameAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync("Outstanding Leaders");
        _declarations.Setup(d => d.GetCohortFactsAsync(CohortId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new DeclarationCandidate
            {
                EnrolmentId = EnrolmentId, CandidateName = "Ada",
                Facts = new EnrolmentFacts { EnrolmentId = EnrolmentId, FirstEvidenceUtc = FirstEvidence },
            },
        ]);
        _declarations.Setup(d => d.GetForCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(() => _records.ToList());
        _declarations.Setup(d => d.ProviderOfEnrolmentAsync(EnrolmentId, It.IsAny<CancellationToken>())).ReturnsAsync(1);
    }

    private CohortDeclarations Declarations()
    {
        var review = new DeclarationReviewService(_declarations.Object, []);
        return new CohortDeclarations(review, _declarations.Object, _lookups.Object, new ReportCohorts(_lookups.Object), _audit, [], Clock(),
            NullLogger<CohortDeclarations>.Instance);
    }

    private static DeclarationRecord Live(int id = 30) => new()
    {
        Id = id, EnrolmentId = EnrolmentId, Type = DeclarationType.Started, DeclarationUtc = FirstEvidence, Justification = "First evidence recorded",
        DeclaredUtc = Now.AddDays(-1), Version = 2,
    };

    [Test]
    public async Task ReviewAsync_SchoolScope_NullWithoutLookingUpCohorts()
    {
        Assert.That(await Declarations().ReviewAsync(ReportScope.ForSchool(3), CohortId), Is.Null);
        _lookups.Verify(l => l.GetCohortsAsync(It.IsAny<ReportScope>(), It.IsAny<CancellationToken>()), Times.Never);
        _lookups.Verify(l => l.GetProviderCohortAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task DeclareAsync_AnotherProvidersCohortOrUnknownEnrolment_NotFound()
    {
        var declarations = Declarations();

        Assert.That((await declarations.DeclareAsync(Provider, 999, EnrolmentId, "started", null, Admin)).Status, Is.EqualTo(DeclarationChangeStatus.NotFound));
        Assert.That((await declarations.DeclareAsync(Provider, CohortId, 999, "started", null, Admin)).Status, Is.EqualTo(DeclarationChangeStatus.NotFound));
        _declarations.Verify(d => d.DeclareAsync(It.IsAny<DeclarationRecord>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("begun", null, "Choose a declaration type.")]
    [TestCase("started", "not-a-uuid", "DfE's declaration id is a UUID")]
    [TestCase("retained-1", null, "Npq has no evidence for that declaration yet, so it cannot be recorded.")]
    public async Task DeclareAsync_RequestTheRulesRefuse_InvalidWithTheReviewAndNothingRecorded(string type, string? dfeId, string problem)
    {
        var change = await Declarations().DeclareAsync(Provider, CohortId, EnrolmentId, type, dfeId, Admin);

        Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.Invalid));
        Assert.That(change.Problem, Does.StartWith(problem));
        Assert.That(change.Review!.Cohort.CohortId, Is.EqualTo(CohortId));
        _declarations.Verify(d => d.DeclareAsync(It.IsAny<DeclarationRecord>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task DeclareAsync_AlreadyLive_Invalid()
    {
        _records.Add(Live());

        var change = await Declarations().DeclareAsync(Provider, CohortId, EnrolmentId, "started", null, Admin);

        Assert.That((change.Status, change.Problem), Is.EqualTo((DeclarationChangeStatus.Invalid, "That declaration is already recorded.")));
    }

    [Test]
    public async Task DeclareAsync_Due_RecordsTheDerivedDeclarationAndAuditsIt()
    {
        DeclarationRecord? recorded = null;
        _declarations.Setup(d => d.DeclareAsync(It.IsAny<DeclarationRecord>(), It.IsAny<CancellationToken>()))
            .Callback<DeclarationRecord, CancellationToken>((r, _) => recorded = r).ReturnsAsync(true);
        const string dfeId = "d0b4a32e-a272-489e-b30a-cb17131457fc";

        var change = await Declarations().DeclareAsync(Provider, CohortId, EnrolmentId, "started", $" {dfeId} ", Admin);

        Assert.That((change.Status, change.EnrolmentId), Is.EqualTo((DeclarationChangeStatus.Done, EnrolmentId)));
        Assert.That(recorded, Is.EqualTo(new DeclarationRecord
        {
            EnrolmentId = EnrolmentId, Type = DeclarationType.Started, DeclarationUtc = FirstEvidence, Justification = "First evidence recorded",
            DfeDeclarationId = dfeId, DeclaredUtc = Now, DeclaredByUserId = Admin.UserId,
        }));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail, entry.IpAddress), Is.EqualTo(("declaration.declared", "enrolment:11", "started", Admin.IpAddress)));
    }

    [Test]
    public async Task DeclareAsync_SomeoneDeclaredFirst_ConflictAndNotAudited()
    {
        _declarations.Setup(d => d.DeclareAsync(It.IsAny<DeclarationRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var change = await Declarations().DeclareAsync(Provider, CohortId, EnrolmentId, "started", null, Admin);

        Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.Conflict));
        Assert.That(change.Problem, Does.StartWith("Someone recorded that declaration a moment ago"));
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task VoidAsync_DeclarationOfAnotherProvider_NotFound()
    {
        _declarations.Setup(d => d.FindAsync(30, It.IsAny<CancellationToken>())).ReturnsAsync(Live());
        _declarations.Setup(d => d.ProviderOfEnrolmentAsync(EnrolmentId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var change = await Declarations().VoidAsync(Provider, CohortId, 30, 2, "Wrong person", Admin);

        Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.NotFound));
        _declarations.Verify(d => d.VoidAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("   ")]
    [TestCase(null)]
    public async Task VoidAsync_NoReason_Invalid(string? reason)
    {
        _declarations.Setup(d => d.FindAsync(30, It.IsAny<CancellationToken>())).ReturnsAsync(Live());

        var change = await Declarations().VoidAsync(Provider, CohortId, 30, 2, reason, Admin);

        Assert.That((change.Status, change.Problem), Is.EqualTo((DeclarationChangeStatus.Invalid, "Give a reason for voiding (at most 500 characters).")));
        Assert.That(change.EnrolmentId, Is.EqualTo(EnrolmentId), "the page shown again is the one holding the line");
    }

    [Test]
    public async Task ReviewPageAsync_ReadsOnlyThePagesLinesWithTheWholeCohortsCounts()
    {
        _records.Add(Live());
        _declarations.Setup(d => d.CountCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortDeclarationCounts(60, 7));
        _declarations.Setup(d => d.GetCohortFactsPageAsync(CohortId, Now, It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new DeclarationCandidate
            {
                EnrolmentId = EnrolmentId, CandidateName = "Ada",
                Facts = new EnrolmentFacts { EnrolmentId = EnrolmentId, FirstEvidenceUtc = FirstEvidence },
            },
        ]);
        _declarations.Setup(d => d.GetForEnrolmentsAsync(It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(new[] { EnrolmentId })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _records.ToList());
        _declarations.Setup(d => d.GetPositionAsync(CohortId, EnrolmentId, It.IsAny<CancellationToken>())).ReturnsAsync(30);
        var declarations = Declarations();

        var second = await declarations.ReviewPageAsync(Provider, CohortId, 2, 25, null);

        Assert.That((second!.Page, second.PageSize, second.Candidates, second.WithoutParticipantId), Is.EqualTo((2, 25, 60, 7)));
        var item = second.Lines.Single().Items.Single();
        Assert.That((item.Type, item.State, item.Live!.Id), Is.EqualTo((DeclarationType.Started, DeclarationState.Declared, 30)));
        _declarations.Verify(d => d.GetCohortFactsPageAsync(CohortId, Now, 25, 25, It.IsAny<CancellationToken>()), Times.Once);

        Assert.That((await declarations.ReviewPageAsync(Provider, CohortId, 3, 25, null))!.Page, Is.EqualTo(3), "the last page (51 to 60)");
        Assert.That((await declarations.ReviewPageAsync(Provider, CohortId, 4, 25, null))!.Page, Is.EqualTo(1), "past the end: the first");
        Assert.That((await declarations.ReviewPageAsync(Provider, CohortId, 1, 25, EnrolmentId))!.Page, Is.EqualTo(2), "the page holding the 31st line");
        Assert.That((await declarations.ReviewPageAsync(Provider, CohortId, 1, 50, EnrolmentId))!.Page, Is.EqualTo(1));
        Assert.That((await declarations.ReviewPageAsync(Provider, CohortId, 3, 25, 999))!.Page, Is.EqualTo(3), "an enrolment not of the cohort: the page asked for");
        Assert.That(await declarations.ReviewPageAsync(ReportScope.ForSchool(3), CohortId, 1, 25, null), Is.Null);
        Assert.That(await declarations.ReviewPageAsync(Provider, 999, 1, 25, null), Is.Null, "another provider's cohort");
        _declarations.Verify(d => d.GetCohortFactsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never, "never the whole cohort's lines");
        _declarations.Verify(d => d.GetForCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task VoidAsync_ReasonTooLong_Invalid()
    {
        _declarations.Setup(d => d.FindAsync(30, It.IsAny<CancellationToken>())).ReturnsAsync(Live());

        var change = await Declarations().VoidAsync(Provider, CohortId, 30, 2, new string('x', CohortDeclarations.MaxVoidReasonLength + 1), Admin);

        Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.Invalid));
    }

    [Test]
    public async Task VoidAsync_ChangedMeanwhile_Conflict()
    {
        _declarations.Setup(d => d.FindAsync(30, It.IsAny<CancellationToken>())).ReturnsAsync(Live());

        var change = await Declarations().VoidAsync(Provider, CohortId, 30, 1, "Wrong person", Admin);

        Assert.That(change.Status, Is.EqualTo(DeclarationChangeStatus.Conflict));
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task VoidAsync_LiveDeclaration_VoidedWithTheTrimmedReasonAndAudited()
    {
        _declarations.Setup(d => d.FindAsync(30, It.IsAny<CancellationToken>())).ReturnsAsync(Live());
        _declarations.Setup(d => d.VoidAsync(30, 2, Admin.UserId, "Wrong person", Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var change = await Declarations().VoidAsync(Provider, CohortId, 30, 2, "  Wrong person ", Admin);

        Assert.That((change.Status, change.EnrolmentId), Is.EqualTo((DeclarationChangeStatus.Done, EnrolmentId)));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail), Is.EqualTo(("declaration.voided", "declaration:30", "started")));
    }

    [Test]
    public async Task ExportAsync_Declarations_ShapedWithTheProvidersNameAndAuditedWithTheRowCount()
    {
        string? providerSeen = null;

        var document = await Declarations().ExportAsync(Provider, CohortId, DeclarationExportKind.Declarations, "json", (lines, provider) =>
        {
            providerSeen = provider;
            return (lines.Select(l => l.Candidate.CandidateName).ToList(), 4);
        }, Admin);

        Assert.That(document, Is.EqualTo(new[] { "Ada" }));
        Assert.That(providerSeen, Is.EqualTo("Outstanding Leaders"));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail), Is.EqualTo(("declarations.exported", "cohort:5", "json rows=4")));
    }

    [Test]
    public async Task ExportAsync_Outcomes_AuditedAsOutcomesWithoutTheProvidersName()
    {
        var document = await Declarations().ExportAsync(Provider, CohortId, DeclarationExportKind.Outcomes, "csv", (lines, provider) => (provider, 0), Admin);

        Assert.That(document, Is.Empty);
        _lookups.Verify(l => l.GetProviderNameAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_audit.Entries.Single().Detail, Is.EqualTo("csv rows=0"));
        Assert.That(_audit.Entries.Single().Action, Is.EqualTo("outcomes.exported"));
    }

    [Test]
    public async Task ExportAsync_AnotherProvidersCohort_NullAndNotAudited()
    {
        var document = await Declarations().ExportAsync(Provider, 999, DeclarationExportKind.Declarations, "json", (_, _) => ("shaped", 1), Admin);

        Assert.That(document, Is.Null);
        Assert.That(_audit.Entries, Is.Empty);
    }
}
