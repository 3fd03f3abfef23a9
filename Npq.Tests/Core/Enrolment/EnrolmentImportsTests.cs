using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Enrolment;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class EnrolmentImportsTests
{
    private static readonly ActingUser Admin = new(AdminId, "198.51.100.4");
    private Mock<IImportRepository> _imports = null!;
    private Mock<ICohortRepository> _cohorts = null!;
    private Mock<IEnrolmentLifecycleRepository> _enrolments = null!;
    private Mock<IAuditLog> _audit = null!;
    private ImportContext? _context;

    [SetUp]
    public void Fakes()
    {
        _imports = new Mock<IImportRepository>(MockBehavior.Strict);
        _cohorts = new Mock<ICohortRepository>();
        _cohorts.Setup(c => c.GetSummariesAsync(ProviderId, It.IsAny<CancellationToken>())).ReturnsAsync([Cohort()]);
        _enrolments = new Mock<IEnrolmentLifecycleRepository>();
        _enrolments.Setup(e => e.GetForCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync([AnEnrolment() with { CandidateEmail = "Ann@School.example" }]);
        _audit = new Mock<IAuditLog>();
        _context = null;
    }

    /// <summary>A reader that reads "row;row" of comma-separated values after a header line, through Core's check.</summary>
    private EnrolmentImports Imports()
    {
        var reader = new Mock<IImportReader>();
        reader.Setup(r => r.Read(It.IsAny<string>(), It.IsAny<ImportKind>(), It.IsAny<ImportContext>())).Returns<string, ImportKind, ImportContext>((text, kind, context) =>
        {
            _context = context;
            var lines = text.Split('\n');
            var check = new ImportCheck(kind, context);
            if (!check.Header(lines[0].Split(',')))
            {
                return check.Preview;
            }

            for (var i = 1; i < lines.Length && check.Row(i + 1, p => lines[i].Split(',').ElementAtOrDefault(p)); i++)
            {
            }

            return check.Finish();
        });
        return new EnrolmentImports(reader.Object, _imports.Object, _cohorts.Object, _enrolments.Object, new ProviderMentors(Users().Object),
            Options.Create(new FeeOptions { VatRate = 0.2m }), _audit.Object, Clock(), NullLogger<EnrolmentImports>.Instance);
    }

    [Test]
    public async Task Preview_Enrolments_ChecksAgainstTheProvidersCohortsMentorsAndWhoIsEnrolled()
    {
        var preview = await Imports().PreviewAsync(ProviderId, ImportKind.Enrolments, "cohort_id,full_name,email,mentor_email\n30,Ann,ann@school.example,mentor@npq.example");

        Assert.That(preview.Rows.Single().Problems.Single().Message, Is.EqualTo("Already enrolled on this cohort."));
        Assert.That(_context!.Cohorts.Keys, Is.EqualTo(new[] { CohortId }));
        Assert.That(_context.MentorsByNormalizedEmail, Is.EquivalentTo(new Dictionary<string, int> { ["MENTOR@NPQ.EXAMPLE"] = MentorId }));
        Assert.That((_context.ProviderId, _context.VatRate, _context.NowUtc), Is.EqualTo((ProviderId, 0.2m, Now)));
    }

    [Test]
    public async Task Preview_Applications_DoesNotReadWhoIsEnrolled()
    {
        await Imports().PreviewAsync(ProviderId, ImportKind.Applications, "cohort_id");

        Assert.That(_context!.Enrolled, Is.Empty);
        _enrolments.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Import_RowWithAProblem_ImportsNothing()
    {
        var outcome = await Imports().ImportAsync(ProviderId, ImportKind.Enrolments, "cohort_id,full_name,email\n99,Jo,jo@school.example", Admin);

        Assert.That((outcome.Done, outcome.Imported, outcome.Preview.IsValid), Is.EqualTo((false, (int?)null, false)));
        _imports.VerifyNoOtherCalls();
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Import_Applications_AreStoredAndAudited()
    {
        _imports.Setup(i => i.ImportApplicationsAsync(It.Is<IReadOnlyList<(ImportedPerson, Application)>>(rows => rows.Count == 1), Now, It.IsAny<CancellationToken>())).ReturnsAsync(1);
        var text = "cohort_id,full_name,email,school,role,qualification,years_teaching_since,funding_route\n30,Jo,jo@school.example,Riverside,Head,qts,0,school";

        var outcome = await Imports().ImportAsync(ProviderId, ImportKind.Applications, text, Admin);

        Assert.That((outcome.Done, outcome.Imported), Is.EqualTo((true, (int?)1)));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "import.applications" && e.Detail == "1 rows" && e.ActorUserId == AdminId
            && e.IpAddress == "198.51.100.4" && e.Subject == null), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Import_EnrolmentsIntoACohortThatFilledUp_NamesItAndAuditsNothing()
    {
        _imports.Setup(i => i.ImportEnrolmentsAsync(It.IsAny<IReadOnlyList<(ImportedPerson, int, int?)>>(), AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(CohortId);

        var outcome = await Imports().ImportAsync(ProviderId, ImportKind.Enrolments, "cohort_id,full_name,email\n30,Jo,jo@school.example", Admin);

        Assert.That((outcome.Done, outcome.FullCohortId), Is.EqualTo((false, (int?)CohortId)));
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Import_Enrolments_AreStoredCountedAndAudited()
    {
        _imports.Setup(i => i.ImportEnrolmentsAsync(It.IsAny<IReadOnlyList<(ImportedPerson, int, int?)>>(), AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync((int?)null);

        var outcome = await Imports().ImportAsync(ProviderId, ImportKind.Enrolments, "cohort_id,full_name,email\n30,Jo,jo@school.example\n30,Sam,sam@school.example", Admin);

        Assert.That(outcome.Imported, Is.EqualTo(2));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "import.enrolments" && e.Detail == "2 rows"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
