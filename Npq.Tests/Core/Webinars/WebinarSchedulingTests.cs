using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Frameworks;
using Npq.Core.Validation;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class WebinarSchedulingTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlySet<string> NothingUnreadable = new HashSet<string>();
    private static readonly SessionCohort Cohort = new() { Id = 7, Name = "London", TimeZone = "Europe/London", FrameworkCode = "npqsl" };
    private static readonly RosterMember Priya = new(3, "Priya", "priya@npq.example");

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IAuditLog> _audit = null!;
    private WebinarScheduling _scheduling = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.GetActiveInRoleAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<int>?>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _users.Setup(u => u.GetActiveInRoleAsync(Cohort.ProviderId, Roles.Mentor, It.Is<IReadOnlyCollection<int>?>(ids => ids != null && ids.Contains(Priya.UserId)), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new AppUser { Id = Priya.UserId, DisplayName = Priya.DisplayName, Email = Priya.Email, ProviderId = Cohort.ProviderId }]);
        _audit = new Mock<IAuditLog>();
        var frameworks = new Mock<IFrameworkCatalog>();
        frameworks.Setup(f => f.Find("npqsl")).Returns(new Framework("npqsl", "SL", [new Area("school-culture", "School culture", 1, [], [])]));
        _scheduling = new WebinarScheduling(_webinars.Object, frameworks.Object, new ProviderStaff(_users.Object), _audit.Object, new FakeTimeProvider(Now), NullLogger<WebinarScheduling>.Instance);
    }

    private static SessionDraft Draft() => new()
    {
        Title = "Culture", Date = new DateOnly(2026, 10, 21), StartTime = new TimeOnly(9, 0), DurationMinutes = 60, Capacity = 20,
        Mode = SessionMode.Online, JoinUrl = "https://meet.example/a", FacilitatorUserId = Priya.UserId, Areas = ["school-culture"],
    };

    private static WebinarSession Session(DateTime start) => new()
    {
        Id = 12, CohortId = Cohort.Id, Title = "Culture", StartUtc = start, DurationMinutes = 60, JoinUrl = "https://meet.example/a", Capacity = 20, Version = 4,
    };

    private static IEnumerable<string> Fields(IEnumerable<FieldProblem> problems) => problems.Select(p => p.Field);

    [Test]
    public void Check_GoodDraft_HasNoProblems()
    {
        Assert.That(WebinarScheduling.Check(Draft(), [Priya], ["school-culture"], isEdit: false, NothingUnreadable), Is.Empty);
    }

    [Test]
    public void Check_MissingAndOutOfRangeValues_ProblemForEachField()
    {
        var draft = new SessionDraft { Title = " ", DurationMinutes = 5, Capacity = 0, Mode = SessionMode.FaceToFace, FacilitatorUserId = 99, Areas = ["nope"] };

        var problems = WebinarScheduling.Check(draft, [Priya], ["school-culture"], isEdit: false, NothingUnreadable);

        Assert.That(Fields(problems), Is.EqualTo(new[] { "Title", "Date", "StartTime", "DurationMinutes", "Capacity", "Venue", "FacilitatorUserId", "Areas" }));
        Assert.That(problems.Single(p => p.Field == "DurationMinutes").Replaces, Is.True, "replaces the binder's message");
        Assert.That(problems.Single(p => p.Field == "Title").Message, Is.EqualTo("Enter a title"));
    }

    [Test]
    public void Check_DateTheBinderCouldNotRead_IsNotAlsoCalledMissing()
    {
        var draft = Draft();
        draft.Date = null;

        var problems = WebinarScheduling.Check(draft, [Priya], ["school-culture"], isEdit: false, new HashSet<string> { "Date" });

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Check_InsecureJoinLinkAndSeriesOfOne_AreRefused()
    {
        var draft = Draft();
        draft.JoinUrl = "http://meet.example/a";
        draft.Recurrence = Recurrence.Weekly;
        draft.Occurrences = 1;

        var problems = WebinarScheduling.Check(draft, [Priya], ["school-culture"], isEdit: false, NothingUnreadable);

        Assert.That(Fields(problems), Is.EqualTo(new[] { "Occurrences", "JoinUrl" }));
        Assert.That(WebinarScheduling.Check(draft, [Priya], ["school-culture"], isEdit: true, NothingUnreadable).Select(p => p.Field), Is.EqualTo(new[] { "JoinUrl" }), "an edit has no series count");
    }

    [Test]
    public async Task ScheduleAsync_WeeklySeries_CreatesNumberedSessionsOfOneSeriesAndAudits()
    {
        var draft = Draft();
        draft.Recurrence = Recurrence.Weekly;
        draft.Occurrences = 3;
        IReadOnlyList<WebinarSession> created = [];
        _webinars.Setup(w => w.CreateSessionsAsync(It.IsAny<IReadOnlyList<WebinarSession>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<WebinarSession>, CancellationToken>((s, _) => created = s).ReturnsAsync([31, 32, 33]);

        var result = await _scheduling.ScheduleAsync(Cohort, draft, NothingUnreadable, actorUserId: 5, ipAddress: "10.0.0.1");

        Assert.That((result.Done, result.SessionIds), Is.EqualTo((true, new[] { 31, 32, 33 })));
        Assert.That(created.Select(s => s.Title), Is.EqualTo(new[] { "Culture (1 of 3)", "Culture (2 of 3)", "Culture (3 of 3)" }));
        Assert.That(created.Select(s => s.SeriesId).Distinct().Single(), Is.Not.Null);
        Assert.That(created.Select(s => s.CreatedUtc), Has.All.EqualTo(Now));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "webinar.scheduled" && e.Subject == "cohort:7" && e.Detail == "sessions:31,32,33"
            && e.ActorUserId == 5 && e.IpAddress == "10.0.0.1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ScheduleAsync_FacilitatorWhoMayNotFacilitate_IsRefusedAndWritesNothing()
    {
        var draft = Draft();
        draft.FacilitatorUserId = 99; // not an active mentor or admin of the provider

        var result = await _scheduling.ScheduleAsync(Cohort, draft, NothingUnreadable, 5, null);

        Assert.That(result.Done, Is.False);
        Assert.That(result.Problems.Select(p => (p.Field, p.Message)), Is.EqualTo(new[] { ("FacilitatorUserId", "Choose a facilitator from the list") }));
        _users.Verify(u => u.GetActiveInRoleAsync(Cohort.ProviderId, Roles.ProviderAdmin, It.Is<IReadOnlyCollection<int>?>(ids => ids != null && ids.Single() == 99), It.IsAny<CancellationToken>()),
            Times.Once, "an admin may facilitate too; only that one person is read");
        _users.Verify(u => u.GetActiveInRoleAsync(It.IsAny<int>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Never, "never the provider's whole list");
        _webinars.Verify(w => w.CreateSessionsAsync(It.IsAny<IReadOnlyList<WebinarSession>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ChoicesAsync_AsksForTheCohortsPeopleCappedPlusThoseNamed_AndSortsThemByName()
    {
        _webinars.Setup(w => w.GetFacilitatorChoicesAsync(Cohort.Id, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new RosterMember(5, "Zed", "z@npq.example"), Priya, new RosterMember(4, "amy", "a@npq.example")]);

        var choices = await _scheduling.ChoicesAsync(Cohort, [Priya.UserId, null, Priya.UserId, 5]);

        Assert.That(choices.Facilitators.Select(f => f.DisplayName), Is.EqualTo(new[] { "amy", "Priya", "Zed" }));
        Assert.That(choices.Areas.Select(a => a.Slug), Is.EqualTo(new[] { "school-culture" }));
        _webinars.Verify(w => w.GetFacilitatorChoicesAsync(Cohort.Id, It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(new[] { Priya.UserId, 5 })),
            WebinarScheduling.MaxFacilitatorChoices + 2, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task FacilitatorByEmailAsync_AnActiveMentorOrAdminOfTheProvider_OnlyThem()
    {
        var admin = new AppUser { Id = 8, Email = "ada@npq.example", DisplayName = "Ada", ProviderId = Cohort.ProviderId };
        var elsewhere = new AppUser { Id = 9, Email = "eve@npq.example", DisplayName = "Eve", ProviderId = Cohort.ProviderId + 1 };
        var candidate = new AppUser { Id = 10, Email = "cat@npq.example", DisplayName = "Cat", ProviderId = Cohort.ProviderId };
        var gone = new AppUser { Id = 11, Email = "gus@npq.example", DisplayName = "Gus", ProviderId = Cohort.ProviderId, IsActive = false };
        foreach (var (user, role) in new[] { (admin, Roles.ProviderAdmin), (elsewhere, Roles.Mentor), (candidate, Roles.Candidate), (gone, Roles.Mentor) })
        {
            _users.Setup(u => u.FindByNormalizedEmailAsync(user.Email.ToUpperInvariant(), It.IsAny<CancellationToken>())).ReturnsAsync(user);
            _users.Setup(u => u.GetRolesAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync([role]);
        }

        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, " Ada@NPQ.example "), Is.EqualTo(8));
        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, "eve@npq.example"), Is.Null, "another provider's mentor");
        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, "cat@npq.example"), Is.Null, "a candidate");
        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, "gus@npq.example"), Is.Null, "inactive");
        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, "nobody@npq.example"), Is.Null);
        Assert.That(await _scheduling.FacilitatorByEmailAsync(Cohort, new string('a', 300) + "@npq.example"), Is.Null, "too long to be an address");
    }

    [Test]
    public async Task ScheduleAsync_FieldTheBinderCouldNotRead_WritesNothing()
    {
        var result = await _scheduling.ScheduleAsync(Cohort, Draft(), new HashSet<string> { "Mode" }, 5, null);

        Assert.That((result.Done, result.Problems.Count), Is.EqualTo((false, 0)));
        _webinars.Verify(w => w.CreateSessionsAsync(It.IsAny<IReadOnlyList<WebinarSession>>(), It.IsAny<CancellationToken>()), Times.Never);
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ScheduleAsync_UnreadableCountOfAOneOff_IsIgnored()
    {
        _webinars.Setup(w => w.CreateSessionsAsync(It.IsAny<IReadOnlyList<WebinarSession>>(), It.IsAny<CancellationToken>())).ReturnsAsync([40]);

        var result = await _scheduling.ScheduleAsync(Cohort, Draft(), new HashSet<string> { "Occurrences" }, 5, null);

        Assert.That(result.SessionIds, Is.EqualTo(new[] { 40 }));
    }

    [Test]
    public async Task UpdateAsync_CancelledSession_IsRefusedWithTheReason()
    {
        var cancelled = Session(Now.AddDays(2)) with { Status = SessionStatus.Cancelled };

        var result = await _scheduling.UpdateAsync(cancelled, Cohort, Draft(), NothingUnreadable, 5, null);

        Assert.That(result.Problems.Select(p => (p.Field, p.Message)), Is.EqualTo(new[] { (string.Empty, WebinarScheduling.CancelledMessage) }));
        _webinars.Verify(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task UpdateAsync_SomeoneElseSavedFirst_IsLostAndNotAudited()
    {
        _webinars.Setup(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await _scheduling.UpdateAsync(Session(Now.AddDays(2)), Cohort, Draft(), NothingUnreadable, 5, null);

        Assert.That((result.Done, result.Conflict), Is.EqualTo((false, WebinarScheduling.EditConflictMessage)));
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task UpdateAsync_GoodDraft_SavesWithTheFormsVersionKeepingStatusAndRecording()
    {
        var current = Session(Now.AddDays(2)) with { RecordingUrl = "https://rec.example/1", SeriesId = "s1" };
        var draft = Draft();
        draft.Version = 4;
        WebinarSession? saved = null;
        _webinars.Setup(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), Now, It.IsAny<CancellationToken>()))
            .Callback<WebinarSession, DateTime, CancellationToken>((s, _, _) => saved = s).ReturnsAsync(true);

        var result = await _scheduling.UpdateAsync(current, Cohort, draft, NothingUnreadable, 5, null);

        Assert.That(result.Done, Is.True);
        Assert.That((saved!.Id, saved.Version, saved.SeriesId, saved.RecordingUrl, saved.Status), Is.EqualTo((12, 4, "s1", "https://rec.example/1", SessionStatus.Scheduled)));
        Assert.That(saved.StartUtc, Is.EqualTo(new DateTime(2026, 10, 21, 8, 0, 0, DateTimeKind.Utc)), "09:00 London in summer time");
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "webinar.updated" && e.Subject == "session:12"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task CancelAsync_ScheduledSession_SavesCancelledAndAudits()
    {
        _webinars.Setup(w => w.UpdateSessionAsync(It.Is<WebinarSession>(s => s.IsCancelled), Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await _scheduling.CancelAsync(Session(Now.AddDays(2)), 5, null);

        Assert.That(result.Done, Is.True);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "webinar.cancelled"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task CancelAsync_AlreadyCancelled_ChangesNothing()
    {
        var result = await _scheduling.CancelAsync(Session(Now.AddDays(2)) with { Status = SessionStatus.Cancelled }, 5, null);

        Assert.That(result.Done, Is.True);
        _webinars.Verify(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task CancelAsync_LostRace_SaysLookAgain()
    {
        _webinars.Setup(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await _scheduling.CancelAsync(Session(Now.AddDays(2)), 5, null);

        Assert.That(result.Conflict, Is.EqualTo(WebinarScheduling.CancelConflictMessage));
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AddRecordingAsync_BeforeTheEnd_IsRefused()
    {
        var result = await _scheduling.AddRecordingAsync(Session(Now.AddMinutes(-30)), "https://rec.example/1", 5);

        Assert.That(result.Problems.Single().Message, Does.Contain("once the session has finished"));
        _webinars.Verify(w => w.UpdateSessionAsync(It.IsAny<WebinarSession>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task AddRecordingAsync_NotHttps_IsRefused()
    {
        var result = await _scheduling.AddRecordingAsync(Session(Now.AddDays(-1)), "ftp://rec.example/1", 5);

        Assert.That(result.Problems.Single(), Is.EqualTo(new FieldProblem("recordingUrl", "Enter the recording's full link, starting https://")));
    }

    [Test]
    public async Task AddRecordingAsync_FinishedSession_SavesTheTrimmedLink()
    {
        _webinars.Setup(w => w.UpdateSessionAsync(It.Is<WebinarSession>(s => s.RecordingUrl == "https://rec.example/1"), Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await _scheduling.AddRecordingAsync(Session(Now.AddDays(-1)), "  https://rec.example/1 ", 5);

        Assert.That(result.Done, Is.True);
    }

    [Test]
    public void AddPlannedAsync_SessionBreakingARule_IsRefusedBeforeAnythingIsWritten()
    {
        var online = Session(Now.AddDays(1)) with { Id = 0 };
        var noLink = online with { JoinUrl = null };

        Assert.ThrowsAsync<ArgumentException>(() => _scheduling.AddPlannedAsync([online, noLink]));
        _webinars.Verify(w => w.CreateSessionsAsync(It.IsAny<IReadOnlyList<WebinarSession>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task AddPlannedAsync_SessionsThatObeyTheRules_AreWrittenAsGiven()
    {
        var faceToFace = Session(Now.AddDays(1)) with { Id = 0, JoinUrl = null, Venue = "Riverside Academy", RecordingUrl = "https://rec.example/2" };
        _webinars.Setup(w => w.CreateSessionsAsync(It.Is<IReadOnlyList<WebinarSession>>(s => s.Single() == faceToFace), It.IsAny<CancellationToken>())).ReturnsAsync([50]);

        Assert.That(await _scheduling.AddPlannedAsync([faceToFace]), Is.EqualTo(new[] { 50 }));
        _audit.VerifyNoOtherCalls();
    }
}
