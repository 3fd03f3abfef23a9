using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Files;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class DataRightsServiceTests
{
    private const int PersonId = 21;
    private readonly Mock<IPersonalDataContributor> _account = new();
    private readonly Mock<IPersonalDataContributor> _assessment = new();
    private readonly Mock<IErasureLog> _erasures = new();
    private readonly Mock<IReportExportRepository> _exports = new();
    private readonly Mock<IFileStore> _fileStore = new();
    private readonly Mock<IUserRepository> _users = new();
    private readonly Mock<IRelationships> _relationships = new();
    private readonly RecordedAudit _audit = new();
    private readonly List<string> _erased = [];

    [SetUp]
    public void Contributors()
    {
        _account.Setup(c => c.Order).Returns(int.MaxValue);
        _assessment.Setup(c => c.Order).Returns(10);
        _account.Setup(c => c.ExportAsync(PersonId, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonalDataExport(
            [Section("account", 1), Section("notifications", 0)], [new PersonalFile("s1", "plan.docx"), new PersonalFile("gone", "lost.txt")]));
        _assessment.Setup(c => c.ExportAsync(PersonId, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonalDataExport([Section("account", 2)], []));
        _account.Setup(c => c.EraseAsync(PersonId, It.IsAny<CancellationToken>())).Callback(() => _erased.Add("account")).ReturnsAsync(new ErasureOutcome(3, 2, ["s1"]));
        _assessment.Setup(c => c.EraseAsync(PersonId, It.IsAny<CancellationToken>())).Callback(() => _erased.Add("assessment")).ReturnsAsync(new ErasureOutcome(4, 0, ["s2"]));
        _exports.Setup(e => e.ListForUserAsync(PersonId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ReportExport { Token = "t", Report = "completion", Query = "{}", StoredName = "report-file" }]);
        _erasures.Setup(e => e.RecordAsync(It.IsAny<ErasureRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(77);
        _users.Setup(u => u.FindByNormalizedEmailAsync("EVE@SCHOOL.EXAMPLE", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AppUser { Id = PersonId, DisplayName = "Eve" });
        _users.Setup(u => u.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AppUser { Id = Admin.UserId, DisplayName = "Admin" });
        _relationships.Setup(r => r.IsProviderAdminOfAsync(Admin.UserId, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _fileStore.Setup(f => f.OpenReadAsync("s1", It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(Encoding.UTF8.GetBytes("my plan")));
    }

    private static PersonalDataSection Section(string name, int rows) =>
        new(name, Enumerable.Range(1, rows).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["Id"] = i }).ToList());

    private DataRightsService Service() =>
        new([_account.Object, _assessment.Object], _erasures.Object, _exports.Object, _fileStore.Object, _users.Object,
            _relationships.Object, _audit, Clock(), NullLogger<DataRightsService>.Instance);

    [Test]
    public async Task EraseAsync_TwoContributors_AccountLastFilesAndReportsDeletedAndCountsRecorded()
    {
        var summary = await Service().EraseAsync(PersonId, Admin.UserId, Admin.IpAddress);

        Assert.That(_erased, Is.EqualTo(new[] { "assessment", "account" }));
        _fileStore.Verify(f => f.DeleteAsync("report-file", It.IsAny<CancellationToken>()));
        _fileStore.Verify(f => f.DeleteAsync("s1", It.IsAny<CancellationToken>()));
        _fileStore.Verify(f => f.DeleteAsync("s2", It.IsAny<CancellationToken>()));
        _erasures.Verify(e => e.RecordAsync(new ErasureRecord(Now, Admin.UserId, 7, 2, 2), It.IsAny<CancellationToken>()));
        Assert.That(summary, Is.EqualTo(new ErasureSummary(77, 7, 2, 2)));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail, entry.ActorUserId, entry.IpAddress),
            Is.EqualTo(("person.erased", "erasure:77", "rows_removed=7 rows_anonymised=2 files_removed=2", Admin.UserId, Admin.IpAddress)));
    }

    [Test]
    public async Task WriteZipAsync_SectionsOfTheSameNameAndAMissingFile_NumberedAndLeftOut()
    {
        using var output = new MemoryStream();

        await Service().WriteZipAsync(PersonId, output, "192.0.2.1");

        using var zip = new ZipArchive(new MemoryStream(output.ToArray()));
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EquivalentTo(new[] { "files/001-plan.docx", "personal-data.json" }));
        using var json = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open());
        var sections = json.RootElement.GetProperty("sections");
        Assert.That(sections.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "account", "account_2", "notifications" }));
        Assert.That(sections.GetProperty("account").GetArrayLength(), Is.EqualTo(2), "the assessment contributor runs first");
        Assert.That(json.RootElement.GetProperty("exported_utc").GetString(), Is.EqualTo("2026-11-24T10:30:00Z"));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail, entry.ActorUserId), Is.EqualTo(("personal-data.exported", "user:21", "sections=3 files=1", PersonId)));
    }

    [Test]
    public async Task SummariseAsync_Holdings_OnlyKindsWithRecordsAndUploadedFiles()
    {
        var holdings = await Service().SummariseAsync(PersonId);

        Assert.That(holdings, Is.EqualTo(new[] { ("account", 2), ("account", 1), ("uploaded files", 2) }));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task FindAsync_NoAddress_AsksForIt(string? email)
    {
        var found = await Service().FindAsync(Admin.UserId, email);

        Assert.That((found.Person, found.Problem), Is.EqualTo(((AppUser?)null, "Enter the email address of the person to erase.")));
    }

    [Test]
    public async Task FindAsync_PersonOfAnotherProvider_NotFound()
    {
        _relationships.Setup(r => r.IsProviderAdminOfAsync(Admin.UserId, PersonId, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var found = await Service().FindAsync(Admin.UserId, "eve@school.example");

        Assert.That(found.Person, Is.Null);
        Assert.That(found.Problem, Is.EqualTo("No person of your provider has that email address."));
    }

    [Test]
    public async Task FindAsync_TheAdminThemselves_Refused()
    {
        var found = await Service().FindAsync(Admin.UserId, "admin@npq.example");

        Assert.That(found.Person, Is.Null);
        Assert.That(found.Problem, Is.EqualTo("You cannot erase your own account; ask another admin."));
    }

    [Test]
    public async Task FindAsync_PersonOfTheProvider_FoundWithHoldings()
    {
        var found = await Service().FindAsync(Admin.UserId, "  Eve@School.example ");

        Assert.That(found.Person!.Id, Is.EqualTo(PersonId));
        Assert.That(found.Problem, Is.Null);
        Assert.That(found.Holdings, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task EraseOnRequestAsync_NotConfirmed_NothingErasedAndAskedToTick()
    {
        var request = await Service().EraseOnRequestAsync("eve@school.example", confirmed: false, Admin);

        Assert.That(request.Person!.Id, Is.EqualTo(PersonId));
        Assert.That(request.Problem, Does.StartWith("Tick the box"));
        Assert.That(request.Done, Is.Null);
        Assert.That(_erased, Is.Empty);
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task EraseOnRequestAsync_Confirmed_ErasedByTheAdmin()
    {
        var request = await Service().EraseOnRequestAsync("eve@school.example", confirmed: true, Admin);

        Assert.That(request.Done, Is.EqualTo(new ErasureSummary(77, 7, 2, 2)));
        Assert.That(_audit.Entries.Single().ActorUserId, Is.EqualTo(Admin.UserId));
    }

    [TestCase("../../etc/passwd", "passwd")]
    [TestCase("C:\\Users\\eve\\My plan (final).docx", "My_plan__final_.docx")]
    [TestCase("...", "file")]
    public void SafeName_PersonsFileName_LastPartWithSafeCharactersOnly(string fileName, string expected) =>
        Assert.That(DataRightsService.SafeName(fileName), Is.EqualTo(expected));
}
