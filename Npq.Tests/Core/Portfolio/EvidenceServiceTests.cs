using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Files;
using Npq.Core.Portfolio;
using Npq.Core.Validation;

namespace Npq.Tests.Core.Portfolio;

public sealed class EvidenceServiceTests
{
    private const int ItemId = 12;
    private PortfolioFakes _fakes = null!;
    private Mock<IEvidenceRepository> _evidence = null!;
    private Mock<IFileStore> _files = null!;
    private EvidenceService _service = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _evidence = new Mock<IEvidenceRepository>();
        _files = new Mock<IFileStore>();
        _evidence.Setup(e => e.CreateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(ItemId);
        _service = new EvidenceService(_evidence.Object, _fakes.Lookup, _files.Object, Options.Create(new StorageOptions { MaxFileBytes = 1000 }),
            _fakes.Time, NullLogger<EvidenceService>.Instance);
    }

    private static EvidenceItem Draft(bool isDraft = true) => new()
    {
        Id = ItemId, CandidateUserId = PortfolioFakes.Candidate, Title = "Staff meeting", EvidenceDate = new DateOnly(2026, 11, 2),
        Reflection = "What I did", IsDraft = isDraft, Version = 3, StatementIds = ["a1"],
    };

    private static EvidenceInput Input(bool record, params string[] statements) => new()
    {
        Title = "  Staff meeting ", EvidenceDate = new DateOnly(2026, 11, 2), Reflection = "What I did", StatementIds = statements, Record = record,
    };

    [Test]
    public async Task CreateAsync_RecordWithoutStatementsOrReflection_WritesNothingAndSaysWhy()
    {
        var result = await _service.CreateAsync(PortfolioFakes.Candidate, Input(true) with { Reflection = " " }, PortfolioFakes.Candidate, true, default);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.Problems.Select(p => p.Field), Is.EqualTo(new[] { "StatementIds", "Reflection" }));
        _evidence.Verify(e => e.CreateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task CreateAsync_StatementOutsideTheFramework_IsDroppedAndRefused()
    {
        var result = await _service.CreateAsync(PortfolioFakes.Candidate, Input(false, "a1", "zz", "A1", " "), PortfolioFakes.Candidate, true, default);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.StatementIds, Is.EqualTo(new[] { "a1" }), "blank, repeated and unknown statements are dropped");
        Assert.That(result.Problems.Single().Message, Does.Contain("not in your framework"));
    }

    [Test]
    public async Task CreateAsync_FormChecksFailed_WritesNothing()
    {
        var result = await _service.CreateAsync(PortfolioFakes.Candidate, Input(true, "a1"), PortfolioFakes.Candidate, formValid: false, default);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.Problems, Is.Empty);
        _evidence.Verify(e => e.CreateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task CreateAsync_ValidRecord_CreatesARecordedItemNow()
    {
        var result = await _service.CreateAsync(PortfolioFakes.Candidate, Input(true, "a1", "b1"), 99, true, default);

        Assert.That(result, Has.Property(nameof(EvidenceWrite.Saved)).True.And.Property(nameof(EvidenceWrite.Id)).EqualTo(ItemId));
        Assert.That(result.Action, Is.EqualTo(EvidenceActions.Created));
        _evidence.Verify(e => e.CreateAsync(It.Is<EvidenceItem>(i =>
            i.CandidateUserId == PortfolioFakes.Candidate && i.Title == "Staff meeting" && !i.IsDraft && i.CreatedUtc == PortfolioFakes.Now
            && i.StatementIds.SequenceEqual(new[] { "a1", "b1" })), 99, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task CreateDraftAsync_NothingButAReflection_IsAnUntitledDraftDatedTodayInTheCohortsZone()
    {
        await _service.CreateDraftAsync(PortfolioFakes.Candidate, new EvidenceInput { Reflection = "Typed first", StatementIds = ["zz", "b1"] }, PortfolioFakes.Candidate, default);

        _evidence.Verify(e => e.CreateAsync(It.Is<EvidenceItem>(i =>
            i.Title == EvidenceRules.UntitledDraft && i.EvidenceDate == new DateOnly(2026, 11, 24) && i.IsDraft && i.StatementIds.SequenceEqual(new[] { "b1" })),
            PortfolioFakes.Candidate, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task UpdateAsync_RecordedItem_IsRefusedWithoutWriting()
    {
        var result = await _service.UpdateAsync(Draft(isDraft: false), Input(false, "a1"), 3, PortfolioFakes.Candidate, true, default);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.Problems.Single(), Is.EqualTo(new FieldProblem(string.Empty, EvidenceService.RecordedNotEditable)));
        _evidence.Verify(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task UpdateAsync_SomeoneSavedMeanwhile_ReportsTheConflict()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Conflict, 3));

        var result = await _service.UpdateAsync(Draft(), Input(false, "a1") with { Title = "New title" }, 3, PortfolioFakes.Candidate, true, default);

        Assert.That(result.Saved, Is.False);
        Assert.That(result.Problems.Single().Message, Is.EqualTo(EvidenceService.EditConflict));
    }

    [Test]
    public async Task UpdateAsync_Record_WritesRecordedWithWhatChanged()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Saved, 4));

        var result = await _service.UpdateAsync(Draft(), Input(true, "a1", "b1") with { Title = "New title" }, 3, 99, true, default);

        Assert.That(result.Saved, Is.True);
        Assert.That(result.Action, Is.EqualTo(EvidenceActions.Recorded));
        _evidence.Verify(e => e.UpdateAsync(It.Is<EvidenceItem>(i => i.Id == ItemId && !i.IsDraft && i.Title == "New title"), 3, 99,
            EvidenceActions.Recorded, "title; statements added: b1", It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task AutosaveAsync_NothingChanged_WritesNothing()
    {
        var item = Draft();
        var saved = await _service.AutosaveAsync(item, Input(false, "a1"), 3, PortfolioFakes.Candidate, default);

        Assert.That(saved.Outcome, Is.EqualTo(AutosaveOutcome.Unchanged));
        Assert.That(saved.Version, Is.EqualTo(3));
        _evidence.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AutosaveAsync_RecordedItem_IsOffAndReadsNothing()
    {
        var saved = await _service.AutosaveAsync(Draft(isDraft: false), Input(false, "a1"), 3, PortfolioFakes.Candidate, default);

        Assert.That(saved.Outcome, Is.EqualTo(AutosaveOutcome.NotADraft));
        Assert.That(saved.Message, Is.EqualTo(EvidenceService.AutosaveOff));
        _fakes.Placements.VerifyNoOtherCalls();
        _evidence.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AutosaveAsync_Changed_SavesWithOneReadOfTheFrameworkAndOneWrite()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Saved, 4));

        var saved = await _service.AutosaveAsync(Draft(), Input(false, "a1") with { Reflection = "More" }, 3, PortfolioFakes.Candidate, default);

        Assert.That(saved, Is.EqualTo(new EvidenceAutosave(AutosaveOutcome.Saved, 4, PortfolioFakes.Now)));
        _evidence.Verify(e => e.UpdateAsync(It.Is<EvidenceItem>(i => i.IsDraft && i.Reflection == "More"), 3, PortfolioFakes.Candidate,
            EvidenceActions.Autosaved, "reflection", It.IsAny<CancellationToken>()));
        _evidence.VerifyNoOtherCalls();
        _fakes.Placements.Verify(p => p.GetFrameworkCodeAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()), Times.Once);
        _fakes.Placements.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AutosaveAsync_EmptyTitle_KeepsTheItemsTitle()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Saved, 4));

        await _service.AutosaveAsync(Draft(), Input(false, "a1") with { Title = "", EvidenceDate = null, Reflection = "More" }, 3, PortfolioFakes.Candidate, default);

        _evidence.Verify(e => e.UpdateAsync(It.Is<EvidenceItem>(i => i.Title == "Staff meeting" && i.EvidenceDate == new DateOnly(2026, 11, 2)),
            3, PortfolioFakes.Candidate, EvidenceActions.Autosaved, "reflection", It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task AutosaveAsync_SomeoneSavedMeanwhile_SaysSo()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Conflict, 3));

        var saved = await _service.AutosaveAsync(Draft(), Input(false, "a1") with { Reflection = "More" }, 3, PortfolioFakes.Candidate, default);

        Assert.That(saved.Outcome, Is.EqualTo(AutosaveOutcome.Conflict));
        Assert.That(saved.Message, Is.EqualTo(EvidenceService.AutosaveConflict));
    }

    [Test]
    public async Task ReturnToDraftAsync_Draft_ChangesNothing()
    {
        Assert.That(await _service.ReturnToDraftAsync(Draft(), 3, PortfolioFakes.Candidate, default), Is.Null);
        _evidence.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ReturnToDraftAsync_Recorded_WritesItAsADraftInTheLog()
    {
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 3, It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Saved, 4));

        Assert.That(await _service.ReturnToDraftAsync(Draft(isDraft: false), 3, 5, default), Is.EqualTo(SaveOutcome.Saved));
        _evidence.Verify(e => e.UpdateAsync(It.Is<EvidenceItem>(i => i.IsDraft && i.UpdatedUtc == PortfolioFakes.Now), 3, 5, EvidenceActions.ReturnedToDraft, null, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task AttachAsync_NoFile_AsksForOne()
    {
        var attached = await _service.AttachAsync(Draft(), null, PortfolioFakes.Candidate, default);

        Assert.That(attached, Is.EqualTo(new FileAttach(null, "Choose a file to attach.")));
    }

    [Test]
    public async Task AttachAsync_ContentDisagreesWithName_IsRefusedAndNotStored()
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("<html>not a pdf</html>"));

        var attached = await _service.AttachAsync(Draft(), new IncomingFile("notes.pdf", content.Length, content), PortfolioFakes.Candidate, default);

        Assert.That(attached.FileId, Is.Null);
        Assert.That(attached.Error, Does.Contain("not really a PDF"));
        _files.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AttachAsync_LargerThanTheLimit_IsRefusedUnread()
    {
        using var content = new MemoryStream(new byte[2000]);

        var attached = await _service.AttachAsync(Draft(), new IncomingFile("big.pdf", content.Length, content), PortfolioFakes.Candidate, default);

        Assert.That(attached.Error, Does.Contain("larger than"));
        Assert.That(content.Position, Is.Zero, "a file over the limit is not read");
    }

    [Test]
    public async Task AttachAsync_RealPdf_IsStoredUnderASafeName()
    {
        using var content = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 a small pdf"));
        _files.Setup(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>())).ReturnsAsync("stored-1");
        _evidence.Setup(e => e.AddFileAsync(It.IsAny<EvidenceFile>(), It.IsAny<CancellationToken>())).ReturnsAsync(55);

        var attached = await _service.AttachAsync(Draft(), new IncomingFile("C:\\Users\\me\\\"plan\".pdf", content.Length, content), 5, default);

        Assert.That(attached, Is.EqualTo(new FileAttach(55, null)));
        _evidence.Verify(e => e.AddFileAsync(It.Is<EvidenceFile>(f =>
            f.EvidenceId == ItemId && f.StoredName == "stored-1" && f.FileName == "plan.pdf" && f.ContentType == "application/pdf"
            && f.UploadedByUserId == 5 && f.UploadedUtc == PortfolioFakes.Now), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task GetFileAsync_ItemGone_IsNull()
    {
        _evidence.Setup(e => e.GetFileAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(new EvidenceFile { Id = 3, EvidenceId = ItemId, StoredName = "s", FileName = "f", ContentType = "c" });

        Assert.That(await _service.GetFileAsync(3, default), Is.Null);
    }

    [Test]
    public async Task OpenAsync_StoreLostTheFile_IsNull()
    {
        var attachment = new EvidenceAttachment(new EvidenceFile { Id = 3, EvidenceId = ItemId, StoredName = "s", FileName = "f", ContentType = "c" }, Draft());

        Assert.That(await _service.OpenAsync(attachment, default), Is.Null);
        _files.Verify(f => f.OpenReadAsync("s", It.IsAny<CancellationToken>()));
    }

    [Test]
    public void ImportAsync_RecordedWithoutReflection_IsRefused()
    {
        var item = Draft(isDraft: false) with { Reflection = "" };

        Assert.ThrowsAsync<ArgumentException>(() => _service.ImportAsync(item, PortfolioFakes.Candidate));
        _evidence.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ImportAsync_ValidItem_IsWrittenWithItsOwnDates()
    {
        var item = Draft(isDraft: false) with { CreatedUtc = PortfolioFakes.Now.AddDays(-30), UpdatedUtc = PortfolioFakes.Now.AddDays(-30) };

        Assert.That(await _service.ImportAsync(item, PortfolioFakes.Candidate), Is.EqualTo(ItemId));
        _evidence.Verify(e => e.CreateAsync(It.Is<EvidenceItem>(i => i.CreatedUtc == PortfolioFakes.Now.AddDays(-30) && !i.IsDraft), PortfolioFakes.Candidate, It.IsAny<CancellationToken>()));
    }
}
