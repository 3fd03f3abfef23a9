using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class AttendanceRecordingTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RosterMember Amira = new(1, "Amira", "amira@npq.example");
    private static readonly RosterMember Ben = new(2, "Ben", "ben@npq.example");

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IAttendanceRepository> _attendance = null!;
    private Mock<IAuditLog> _audit = null!;
    private AttendanceRecording _recording = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _webinars.Setup(w => w.GetRosterAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync([Amira, Ben]);
        _webinars.Setup(w => w.GetRosterPageAsync(7, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync(([Amira, Ben], 2));
        _attendance = new Mock<IAttendanceRepository>();
        _attendance.Setup(a => a.GetMarksForSessionAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _attendance.Setup(a => a.GetSegmentsForSessionAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _audit = new Mock<IAuditLog>();
        _recording = new AttendanceRecording(
            _webinars.Object, _attendance.Object, _audit.Object, Options.Create(new WebinarsOptions { JoinOpensMinutesBefore = 15 }),
            new FakeTimeProvider(Now), NullLogger<AttendanceRecording>.Instance);
    }

    private static WebinarSession Session(DateTime start) => new()
    {
        Id = 12, CohortId = 7, Title = "Culture", StartUtc = start, DurationMinutes = 60, JoinUrl = "https://meet.example/a", Capacity = 20,
    };

    [Test]
    public async Task JoinAsync_TenMinutesEarly_RecordsTheJoinAtTheStartAndGivesTheLink()
    {
        var session = Session(Now.AddMinutes(10));

        var result = await _recording.JoinAsync(session, userId: 1);

        Assert.That(result, Is.EqualTo(new JoinResult("https://meet.example/a", null)));
        _attendance.Verify(a => a.AddSegmentAsync(
            It.Is<AttendanceSegment>(s => s.SessionId == 12 && s.UserId == 1 && s.JoinUtc == session.StartUtc && s.LeaveUtc == null && s.Source == AttendanceSource.JoinButton),
            Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task JoinAsync_BeforeItOpens_SaysWhenAndRecordsNothing()
    {
        var result = await _recording.JoinAsync(Session(Now.AddHours(1)), userId: 1);

        Assert.That(result, Is.EqualTo(new JoinResult(null, "You can join from 15 minutes before the start.")));
        _attendance.Verify(a => a.AddSegmentAsync(It.IsAny<AttendanceSegment>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task JoinAsync_CancelledOrFinished_SaysWhy()
    {
        Assert.That((await _recording.JoinAsync(Session(Now) with { Status = SessionStatus.Cancelled }, 1)).Refusal, Is.EqualTo("This session was cancelled."));
        Assert.That((await _recording.JoinAsync(Session(Now.AddHours(-2)), 1)).Refusal, Is.EqualTo("This session has finished."));
        Assert.That((await _recording.JoinAsync(Session(Now) with { JoinUrl = null, Venue = "Hall" }, 1)).Refusal, Is.EqualTo("This session has no online meeting to join."));
    }

    [Test]
    public async Task SaveRegisterAsync_UnknownMark_SavesNothingAndKeepsWhatWasTyped()
    {
        var typed = new Dictionary<int, (string, string)> { [1] = ("Asleep", " Typed note "), [2] = ("Present", "") };

        var sheet = await _recording.SaveRegisterAsync(Session(Now.AddDays(-1)), 0, 25, id => typed[id], actorUserId: 3, ipAddress: null);

        Assert.That(sheet.Saved, Is.False);
        Assert.That(sheet.Errors, Is.EqualTo(new Dictionary<int, string> { [1] = "Choose present, late, absent or excused" }));
        Assert.That(sheet.Lines.Select(l => (l.Member.UserId, l.Mark, l.Note)), Is.EqualTo(new (int, RegisterMark?, string?)[] { (1, null, "Typed note"), (2, RegisterMark.Present, null) }));
        _attendance.Verify(a => a.SaveRegisterAsync(It.IsAny<int>(), It.IsAny<IReadOnlyList<(int, RegisterMark?, string?)>>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task SaveRegisterAsync_NoteTooLong_IsRefused()
    {
        var sheet = await _recording.SaveRegisterAsync(Session(Now.AddDays(-1)), 0, 25, id => ("Late", new string('x', 501)), 3, null);

        Assert.That(sheet.Errors.Values, Has.All.EqualTo("Keep the note to 500 characters"));
        Assert.That(sheet.Errors.Keys, Is.EquivalentTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task SaveRegisterAsync_GoodLines_SavesEveryCandidateAndAudits()
    {
        IReadOnlyList<(int UserId, RegisterMark? Mark, string? Note)> saved = [];
        _attendance.Setup(a => a.SaveRegisterAsync(12, It.IsAny<IReadOnlyList<(int, RegisterMark?, string?)>>(), 3, Now, It.IsAny<CancellationToken>()))
            .Callback<int, IReadOnlyList<(int, RegisterMark?, string?)>, int, DateTime, CancellationToken>((_, e, _, _, _) => saved = e).Returns(Task.CompletedTask);

        var sheet = await _recording.SaveRegisterAsync(Session(Now.AddDays(-1)), 0, 25, id => id == 1 ? ("Excused", "Ill") : (string.Empty, string.Empty), 3, "10.0.0.1");

        Assert.That(sheet.Saved, Is.True);
        Assert.That(saved, Is.EqualTo(new (int, RegisterMark?, string?)[] { (1, RegisterMark.Excused, "Ill"), (2, null, null) }));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "attendance.register-saved" && e.Subject == "session:12" && e.IpAddress == "10.0.0.1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task SaveRegisterAsync_CandidateNotOnThePagePosted_KeepsTheirLine()
    {
        IReadOnlyList<(int UserId, RegisterMark? Mark, string? Note)> saved = [];
        _attendance.Setup(a => a.SaveRegisterAsync(12, It.IsAny<IReadOnlyList<(int, RegisterMark?, string?)>>(), 3, Now, It.IsAny<CancellationToken>()))
            .Callback<int, IReadOnlyList<(int, RegisterMark?, string?)>, int, DateTime, CancellationToken>((_, e, _, _, _) => saved = e).Returns(Task.CompletedTask);

        await _recording.SaveRegisterAsync(Session(Now.AddDays(-1)), 0, 25, id => id == 2 ? ("Late", string.Empty) : null, 3, null);

        Assert.That(saved, Is.EqualTo(new (int, RegisterMark?, string?)[] { (2, RegisterMark.Late, null) }), "only the lines posted are written");
    }

    [Test]
    public async Task PreviewImportAsync_MatchesAgainstTheCohortsRoster()
    {
        var rows = new[] { new ImportedRow(2, "Someone", "ben@npq.example", Now, Now.AddMinutes(30)), new ImportedRow(3, "Visitor", null, Now, Now.AddMinutes(5)) };

        var preview = await _recording.PreviewImportAsync(Session(Now.AddDays(-1)), rows, []);

        Assert.That(preview.ToConfirm(), Is.EqualTo(new[] { new ConfirmedRow(2, Now, Now.AddMinutes(30)) }));
        Assert.That(preview.Unmatched.Single().Name, Is.EqualTo("Visitor"));
    }

    [Test]
    public async Task ConfirmImportAsync_RowForSomeoneNoLongerOnTheCohort_IsLeftOut()
    {
        IReadOnlyList<AttendanceSegment> written = [];
        _attendance.Setup(a => a.AddSegmentsAsync(It.IsAny<IReadOnlyList<AttendanceSegment>>(), Now, It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<AttendanceSegment>, DateTime, CancellationToken>((s, _, _) => written = s).Returns(Task.CompletedTask);

        var count = await _recording.ConfirmImportAsync(Session(Now.AddDays(-1)), [new ConfirmedRow(1, Now, Now.AddMinutes(40)), new ConfirmedRow(99, Now, Now.AddMinutes(40))], 3, null);

        Assert.That(count, Is.EqualTo(1));
        Assert.That(written.Select(s => (s.UserId, s.SessionId, s.Source)), Is.EqualTo(new[] { (1, 12, AttendanceSource.Import) }));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "attendance.imported" && e.Detail == "segments:1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void AddSegmentsAsync_LeaveBeforeJoin_IsRefused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _recording.AddSegmentsAsync(
            [new AttendanceSegment { SessionId = 12, UserId = 1, JoinUtc = Now, LeaveUtc = Now.AddMinutes(-1), Source = AttendanceSource.Import }]));
        _attendance.Verify(a => a.AddSegmentsAsync(It.IsAny<IReadOnlyList<AttendanceSegment>>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(null)]
    [TestCase("0")]
    [TestCase("101")]
    [TestCase("75.5")]
    public async Task ChangeRuleAsync_NotAWholePercentage_SaysSoAndSavesNothing(string? typed)
    {
        var error = await _recording.ChangeRuleAsync(new SessionCohort { Id = 7, Name = "London", TimeZone = "Europe/London" }, typed, 3, null);

        Assert.That(error, Is.EqualTo("Enter a whole number from 1 to 100"));
        _webinars.Verify(w => w.SetAttendanceThresholdAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ChangeRuleAsync_WholePercentage_SavesAndAudits()
    {
        var error = await _recording.ChangeRuleAsync(new SessionCohort { Id = 7, Name = "London", TimeZone = "Europe/London" }, "80", 3, null);

        Assert.That(error, Is.Null);
        _webinars.Verify(w => w.SetAttendanceThresholdAsync(7, 80, It.IsAny<CancellationToken>()), Times.Once);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "attendance.rule-changed" && e.Subject == "cohort:7" && e.Detail == "threshold:80"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
