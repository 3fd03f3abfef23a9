using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class ProgrammeAuthoringTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly MaterialsCourse Course = new(5, "NPQSL", 1, "npqsl");
    private static readonly MaterialModule Module = new() { Id = 10, CourseId = 5, Title = "Culture", Version = 2 };
    private static readonly Author Sam = new(3, "127.0.0.1");

    private Mock<IProgrammeRepository> _programmes = null!;
    private Mock<IAuditLog> _audit = null!;
    private Mock<IUserRepository> _users = null!;
    private MemoryFileStore _files = null!;
    private ProgrammeAuthoring _authoring = null!;

    [SetUp]
    public void SetUp()
    {
        _programmes = new Mock<IProgrammeRepository>();
        _audit = new Mock<IAuditLog>();
        _files = new MemoryFileStore();
        var frameworks = new Mock<IFrameworkCatalog>();
        frameworks.Setup(f => f.Find("npqsl")).Returns(MaterialsFakes.Framework());
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.GetActiveInRoleAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<int>?>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _authoring = new ProgrammeAuthoring(_programmes.Object, frameworks.Object, new ProviderStaff(_users.Object), _files, _audit.Object, Options.Create(new StorageOptions()),
            Options.Create(new MaterialUploadOptions()), new FakeTimeProvider(Now), NullLogger<ProgrammeAuthoring>.Instance);
    }

    private static MaterialItem Item(ItemKind kind, ItemState state = ItemState.Draft) => new()
    {
        Id = 40, ModuleId = Module.Id, Kind = kind, State = state, Title = "Item", Version = 7, CreatedUtc = Now.AddDays(-1),
    };

    private static IReadOnlyList<KnowledgeQuestion> GoodQuestions() =>
        [new("q1", QuestionKind.TrueFalse, "Is it?", [new("a", "True", true, "Yes"), new("b", "False", false, "No")])];

    private void Audited(string action) =>
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == action && e.ActorUserId == Sam.UserId && e.OccurredUtc == Now), It.IsAny<CancellationToken>()), Times.Once);

    [Test]
    public async Task CreateModule_Valid_AddsItAndAudits()
    {
        _programmes.Setup(p => p.CreateModuleAsync(It.IsAny<MaterialModule>(), It.IsAny<CancellationToken>())).ReturnsAsync(11);

        var result = await _authoring.CreateModuleAsync(Course, new ModuleDraft { Title = "  Curriculum ", ReleaseRule = ReleaseRule.AfterPrevious }, Sam);

        Assert.That((result.Done, result.Id), Is.EqualTo((true, 11)));
        _programmes.Verify(p => p.CreateModuleAsync(It.Is<MaterialModule>(m => m.Title == "Curriculum" && m.CourseId == 5 && m.ReleaseRule == ReleaseRule.AfterPrevious), It.IsAny<CancellationToken>()));
        Audited("materials.module.created");
    }

    [Test]
    public async Task CreateModule_NoTitleOrUnknownRule_RefusedWritingNothing()
    {
        var result = await _authoring.CreateModuleAsync(Course, new ModuleDraft { Title = " ", ReleaseRule = (ReleaseRule)9 }, Sam);

        Assert.That(result.Problems.Select(p => p.Field), Is.EqualTo(new[] { "Title", "ReleaseRule" }));
        _programmes.Verify(p => p.CreateModuleAsync(It.IsAny<MaterialModule>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task UpdateModule_SomeoneElseSavedFirst_ConflictMessage()
    {
        _programmes.Setup(p => p.UpdateModuleAsync(It.IsAny<MaterialModule>(), 1, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await _authoring.UpdateModuleAsync(Module, new ModuleDraft { Title = "New", Version = 1 }, Sam);

        Assert.That(result.Conflict, Is.EqualTo(ProgrammeAuthoring.ModuleConflictMessage));
        _audit.Verify(a => a.WriteAsync(It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task CreateItem_UnknownStatement_Refused_KnownOnesKeptInTheFrameworksSpelling()
    {
        var refused = await _authoring.CreateItemAsync(Course, Module, ItemKind.Page, new ItemDraft { Title = "Read", StatementIds = ["SC-LT-1", "nope-1"] }, Sam);
        Assert.That(refused.Problems.Single().Field, Is.EqualTo("StatementIds"));
        Assert.That(refused.Problems.Single().Message, Does.Contain("“nope-1” is not a statement"));

        _programmes.Setup(p => p.CreateItemAsync(It.IsAny<MaterialItem>(), It.IsAny<CancellationToken>())).ReturnsAsync(41);
        var done = await _authoring.CreateItemAsync(Course, Module, ItemKind.Page, new ItemDraft { Title = "Read", StatementIds = ["SC-LT-1"] }, Sam);
        Assert.That(done.Id, Is.EqualTo(41));
        _programmes.Verify(p => p.CreateItemAsync(It.Is<MaterialItem>(i => i.State == ItemState.Draft && i.StatementIds.SequenceEqual(new[] { "sc-lt-1" })), It.IsAny<CancellationToken>()));
        Audited("materials.item.created");
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("ftp://example.org/file")]
    [TestCase("/relative")]
    public async Task CreateItem_LinkThatIsNotHttp_Refused(string url)
    {
        var result = await _authoring.CreateItemAsync(Course, Module, ItemKind.Link, new ItemDraft { Title = "Read", Url = url }, Sam);

        Assert.That(result.Problems.Single().Field, Is.EqualTo("Url"));
    }

    [Test]
    public void PublishProblems_EachKindsRule()
    {
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Page)).Single().Field, Is.EqualTo("Body"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Reflection)).Single().Field, Is.EqualTo("Body"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Link) with { Url = "https://" }).Single().Field, Is.EqualTo("Url"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Link) with { Url = "https://example.org/a" }), Is.Empty);
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.File)).Single().Field, Is.EqualTo("File"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Video) with { FileStoredName = "v" }).Single().Message, Does.Contain("WebVTT captions"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.Video) with { FileStoredName = "v", CaptionsStoredName = "c" }), Is.Empty);
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.KnowledgeCheck)).Single().Field, Is.EqualTo("Questions"));
        Assert.That(ProgrammeAuthoring.PublishProblems(Item(ItemKind.KnowledgeCheck) with { Questions = KnowledgeCheck.Write(GoodQuestions()) }), Is.Empty);
    }

    [Test]
    public async Task Publish_VideoWithoutCaptions_Refused_WithCaptions_PublishedUnderItsVersion()
    {
        var refused = await _authoring.PublishAsync(Course, Item(ItemKind.Video) with { FileStoredName = "v" }, 7, Sam);
        Assert.That(refused.Problems.Single().Field, Is.EqualTo("Captions"));

        _programmes.Setup(p => p.UpdateItemAsync(It.IsAny<MaterialItem>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var done = await _authoring.PublishAsync(Course, Item(ItemKind.Video) with { FileStoredName = "v", CaptionsStoredName = "c" }, 7, Sam);
        Assert.That(done.Done, Is.True);
        _programmes.Verify(p => p.UpdateItemAsync(It.Is<MaterialItem>(i => i.State == ItemState.Published && i.PublishedUtc == Now), 7, It.IsAny<CancellationToken>()));
        Audited("materials.item.published");
    }

    [Test]
    public async Task UpdateItem_Published_KeepsStateAndMustStillMeetTheRules_StaleVersionIsAConflict()
    {
        var published = Item(ItemKind.Page, ItemState.Published) with { Body = "Text", PublishedUtc = Now.AddDays(-2) };
        var emptied = await _authoring.UpdateItemAsync(Course, published, new ItemDraft { Title = "Item", Body = " ", Version = 7 }, Sam);
        Assert.That(emptied.Problems.Single().Field, Is.EqualTo("Body"));

        _programmes.Setup(p => p.UpdateItemAsync(It.IsAny<MaterialItem>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Assert.That((await _authoring.UpdateItemAsync(Course, published, new ItemDraft { Title = "Item", Body = "New text", Version = 7 }, Sam)).Done, Is.True);
        _programmes.Verify(p => p.UpdateItemAsync(It.Is<MaterialItem>(i => i.IsPublished && i.Body == "New text" && i.PublishedUtc == Now.AddDays(-2)), 7, It.IsAny<CancellationToken>()));

        var stale = await _authoring.UpdateItemAsync(Course, published, new ItemDraft { Title = "Item", Body = "Mine", Version = 6 }, Sam);
        Assert.That(stale.Conflict, Is.EqualTo(ProgrammeAuthoring.ItemConflictMessage));
    }

    [Test]
    public async Task Unpublish_MovesBackToDraft()
    {
        _programmes.Setup(p => p.UpdateItemAsync(It.IsAny<MaterialItem>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.That((await _authoring.UnpublishAsync(Course, Item(ItemKind.Page, ItemState.Published), 7, Sam)).Done, Is.True);

        _programmes.Verify(p => p.UpdateItemAsync(It.Is<MaterialItem>(i => i.State == ItemState.Draft), 7, It.IsAny<CancellationToken>()));
        Audited("materials.item.unpublished");
    }

    [Test]
    public async Task DeleteItem_WithProgress_RefusedOfferingDraft_WithoutProgress_DeletedWithItsFiles()
    {
        _programmes.Setup(p => p.HasProgressAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var refused = await _authoring.DeleteItemAsync(Course, Item(ItemKind.Page), Sam);
        Assert.That(refused.Problems.Single().Message, Is.EqualTo(ProgrammeAuthoring.ItemHasProgressMessage).And.Contain("Move it back to draft"));
        _programmes.Verify(p => p.DeleteItemAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);

        var stored = await _files.SaveAsync(new MemoryStream([1]));
        _programmes.Setup(p => p.HasProgressAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _programmes.Setup(p => p.DeleteItemAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Assert.That((await _authoring.DeleteItemAsync(Course, Item(ItemKind.File) with { FileStoredName = stored }, Sam)).Done, Is.True);
        Assert.That(_files.Files, Is.Empty);
        Audited("materials.item.deleted");
    }

    [Test]
    public async Task MoveItem_PastTheTopOfItsModule_GoesToTheEndOfThePreviousModule()
    {
        var first = new ProgrammeModule(Module with { Id = 1 }, [Item(ItemKind.Page) with { Id = 1, ModuleId = 1 }]);
        var second = new ProgrammeModule(Module with { Id = 2 }, [Item(ItemKind.Page) with { Id = 2, ModuleId = 2 }, Item(ItemKind.Page) with { Id = 3, ModuleId = 2 }]);
        _programmes.Setup(p => p.GetProgrammeAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync(new Programme(5, [first, second]));

        await _authoring.MoveItemAsync(Course, second.Items[0], MoveDirection.Up, Sam);
        await _authoring.MoveItemAsync(Course, second.Items[0], MoveDirection.Down, Sam);
        await _authoring.MoveItemAsync(Course, second.Items[1], MoveDirection.Down, Sam);

        _programmes.Verify(p => p.MoveItemAsync(2, 1, 1, Now, It.IsAny<CancellationToken>()), Times.Once);
        _programmes.Verify(p => p.MoveItemAsync(2, 2, 1, Now, It.IsAny<CancellationToken>()), Times.Once);
        _programmes.Verify(p => p.MoveItemAsync(3, It.IsAny<int>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never, "already last of all");
    }

    [Test]
    public async Task MoveModule_Down_AndAtTheEnd_StaysPut()
    {
        var programme = new Programme(5, [new ProgrammeModule(Module with { Id = 1 }, []), new ProgrammeModule(Module with { Id = 2 }, [])]);
        _programmes.Setup(p => p.GetProgrammeAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync(programme);

        await _authoring.MoveModuleAsync(Module with { Id = 1 }, MoveDirection.Down, Sam);
        await _authoring.MoveModuleAsync(Module with { Id = 2 }, MoveDirection.Down, Sam);

        _programmes.Verify(p => p.MoveModuleAsync(1, 1, Now, It.IsAny<CancellationToken>()), Times.Once);
        _programmes.Verify(p => p.MoveModuleAsync(2, It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Attach_CaptionsThatLie_RefusedNamingTheFile_RealOnesStoredUnderTheVersion()
    {
        var video = Item(ItemKind.Video);
        var lying = await _authoring.AttachAsync(Course, video, UploadPurpose.Captions, new MaterialUpload("subs.vtt", 5, new MemoryStream("hello"u8.ToArray())), 7, Sam);
        Assert.That(lying.Problems.Single().Message, Does.Contain("“subs.vtt”"));
        Assert.That(_files.Files, Is.Empty);

        _programmes.Setup(p => p.UpdateItemAsync(It.IsAny<MaterialItem>(), 7, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var vtt = MaterialUploadsTests.Vtt;
        var done = await _authoring.AttachAsync(Course, video, UploadPurpose.Captions, new MaterialUpload("subs.vtt", vtt.Length, new MemoryStream(vtt)), 7, Sam);
        Assert.That(done.Done, Is.True);
        _programmes.Verify(p => p.UpdateItemAsync(It.Is<MaterialItem>(i => i.CaptionsStoredName != null && _files.Files.ContainsKey(i.CaptionsStoredName)), 7, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Attach_DocumentToAVideo_Refused()
    {
        var result = await _authoring.AttachAsync(Course, Item(ItemKind.Video), UploadPurpose.Document, new MaterialUpload("a.pdf", 3, new MemoryStream([1, 2, 3])), 7, Sam);

        Assert.That(result.Problems, Is.Not.Empty);
    }

    [Test]
    public async Task SetEditor_OnlyAFacilitatorOfTheProvider()
    {
        _users.Setup(u => u.GetActiveInRoleAsync(Course.ProviderId, Roles.Mentor, It.Is<IReadOnlyCollection<int>?>(ids => ids != null && ids.Contains(8)), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new AppUser { Id = 8, DisplayName = "Priya", ProviderId = Course.ProviderId }]);

        Assert.That((await _authoring.SetEditorAsync(Course, 9, true, Sam)).Problems, Is.Not.Empty);
        Assert.That((await _authoring.SetEditorAsync(Course, 8, true, Sam)).Done, Is.True);

        _programmes.Verify(p => p.SetEditorAsync(5, 8, true, It.IsAny<CancellationToken>()), Times.Once);
        _programmes.Verify(p => p.SetEditorAsync(5, 9, It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
        Audited("materials.editor.added");
    }

    [Test]
    public async Task EditorByEmailAsync_OnlyAnActiveMentorOfTheCoursesProvider()
    {
        var mentor = new AppUser { Id = 8, Email = "priya@npq.example", DisplayName = "Priya", ProviderId = Course.ProviderId };
        var admin = new AppUser { Id = 9, Email = "ada@npq.example", DisplayName = "Ada", ProviderId = Course.ProviderId };
        var elsewhere = new AppUser { Id = 10, Email = "eve@npq.example", DisplayName = "Eve", ProviderId = Course.ProviderId + 1 };
        foreach (var (user, role) in new[] { (mentor, Roles.Mentor), (admin, Roles.ProviderAdmin), (elsewhere, Roles.Mentor) })
        {
            _users.Setup(u => u.FindByNormalizedEmailAsync(user.Email.ToUpperInvariant(), It.IsAny<CancellationToken>())).ReturnsAsync(user);
            _users.Setup(u => u.GetRolesAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync([role]);
        }

        Assert.That(await _authoring.EditorByEmailAsync(Course, "PRIYA@npq.example"), Is.EqualTo(8));
        Assert.That(await _authoring.EditorByEmailAsync(Course, "ada@npq.example"), Is.Null, "admins edit anyway; the rule gives rights to mentors only");
        Assert.That(await _authoring.EditorByEmailAsync(Course, "eve@npq.example"), Is.Null, "another provider's mentor");
        Assert.That(await _authoring.EditorByEmailAsync(Course, "nobody@npq.example"), Is.Null);
    }
}
