using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Webinars;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class WebinarRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);

    private async Task<(int CohortId, int Candidate, int Mentor)> ArrangeAsync()
    {
        var organisations = new OrganisationRepository(Db);
        var users = new UserRepository(Db);
        var providerId = await organisations.EnsureProviderAsync($"Provider {Guid.NewGuid():N}", Now);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "SL", FrameworkCode = "npqsl" });
        var cohortId = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Dubai", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Asia/Dubai", Capacity = 20,
        });

        async Task<int> User(string name, string role)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, CreatedUtc = Now };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user.Id, role);
            return user.Id;
        }

        var candidate = await User("Amira", Roles.Candidate);
        var mentor = await User("Priya", Roles.Mentor);
        await new EnrolmentRepository(Db).EnsureAsync(cohortId, candidate, mentor, Now);
        return (cohortId, candidate, mentor);
    }

    private static WebinarSession Session(int cohortId, int mentor, DateTime start) => new()
    {
        CohortId = cohortId, Title = "Culture", AgendaMarkdown = "## Plan", StartUtc = start, DurationMinutes = 90, FacilitatorUserId = mentor,
        JoinUrl = "https://meet.example/a", Capacity = 20, FrameworkAreas = ["school-culture", "teaching"], CreatedUtc = Now, UpdatedUtc = Now,
    };

    [Test]
    public async Task Sessions_ReadBackExactly_UpdateRaisesSequence_StaleVersionLoses()
    {
        var (cohortId, _, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var id = (await repository.CreateSessionsAsync([Session(cohortId, mentor, Now.AddDays(2))])).Single();

        var read = (await repository.GetSessionAsync(id))!;
        Assert.That(read.StartUtc, Is.EqualTo(Now.AddDays(2)));
        Assert.That(read.StartUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(read.FrameworkAreas, Is.EqualTo(new[] { "school-culture", "teaching" }));
        Assert.That((read.Sequence, read.Version, read.Status), Is.EqualTo((0, 1, SessionStatus.Scheduled)));

        Assert.That(await repository.UpdateSessionAsync(read with { Status = SessionStatus.Cancelled }, Now), Is.True);
        Assert.That(await repository.UpdateSessionAsync(read with { Title = "Stale" }, Now), Is.False, "version 1 was already replaced");
        var after = (await repository.GetSessionAsync(id))!;
        Assert.That((after.Sequence, after.Version, after.Status, after.Title), Is.EqualTo((1, 2, SessionStatus.Cancelled, "Culture")));
    }

    [Test]
    public async Task Access_EnrolledFacilitatorAndCalendarQueries_AnswerForTheRightPeople()
    {
        var (cohortId, candidate, mentor) = await ArrangeAsync();
        var (otherCohort, otherCandidate, _) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var mine = (await repository.CreateSessionsAsync([Session(cohortId, mentor, Now.AddDays(1))])).Single();
        await repository.CreateSessionsAsync([Session(otherCohort, mentor, Now.AddDays(1)) with { FacilitatorUserId = null }]);

        Assert.That(await repository.IsEnrolledAsync(cohortId, candidate), Is.True);
        Assert.That(await repository.IsEnrolledAsync(otherCohort, candidate), Is.False);
        Assert.That(await repository.IsFacilitatorAsync(cohortId, mentor), Is.True);
        Assert.That(await repository.IsFacilitatorAsync(otherCohort, candidate), Is.False);
        Assert.That((await repository.GetSessionsForCalendarAsync(candidate)).Select(s => s.Id), Is.EqualTo(new[] { mine }));
        Assert.That((await repository.GetSessionsForCalendarAsync(otherCandidate)).Select(s => s.Id), Does.Not.Contain(mine));
        Assert.That((await repository.GetRosterAsync(cohortId)).Single().UserId, Is.EqualTo(candidate));
    }

    [Test]
    public async Task Reminders_AreDueOnceForTheCandidateAndTheFacilitator()
    {
        var (cohortId, candidate, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var id = (await repository.CreateSessionsAsync([Session(cohortId, mentor, Now.AddMinutes(30))])).Single();

        var due = (await repository.GetDueRemindersAsync(Now, Now.AddMinutes(60))).Where(d => d.SessionId == id).ToList();
        Assert.That(due.Select(d => d.UserId), Is.EquivalentTo(new[] { candidate, mentor }));
        Assert.That(await repository.TryRecordReminderAsync(id, candidate, Now), Is.True);
        Assert.That(await repository.TryRecordReminderAsync(id, candidate, Now), Is.False);
        Assert.That((await repository.GetDueRemindersAsync(Now, Now.AddMinutes(60))).Where(d => d.SessionId == id).Select(d => d.UserId), Is.EqualTo(new[] { mentor }));
    }

    [Test]
    public async Task Attendance_SegmentsAndRegister_FeedTheQueries()
    {
        var (cohortId, candidate, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var attendance = new AttendanceRepository(Db);
        var past = (await repository.CreateSessionsAsync([Session(cohortId, mentor, Now.AddDays(-7)), Session(cohortId, mentor, Now.AddDays(-14))])).ToList();
        await attendance.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = past[0], UserId = candidate, JoinUtc = Now.AddDays(-7), LeaveUtc = Now.AddDays(-7).AddMinutes(50), Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = past[0], UserId = candidate, JoinUtc = Now.AddDays(-7).AddMinutes(40), Source = AttendanceSource.JoinButton },
        ], Now);
        await attendance.SaveRegisterAsync(past[1], [(candidate, RegisterMark.Excused, "Ill")], mentor, Now);

        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var summary = (await new AttendanceQueries(repository, attendance, Db, time).GetAttendanceAsync(candidate, cohortId))!;

        Assert.That(summary.MinutesAttended, Is.EqualTo(90), "overlap counted once, the open join closed at the end");
        Assert.That((summary.SessionsCounted, summary.SessionsAttended, summary.SessionsExcused, summary.Percentage), Is.EqualTo((1, 1, 1, 100)));
        Assert.That(summary.Sessions.Single(s => s.Session.Id == past[1]).Note, Is.EqualTo("Ill"));
    }

    [Test]
    public async Task Feeds_OnlyTheLiveTokenFindsItsOwner()
    {
        var (_, candidate, _) = await ArrangeAsync();
        var feeds = new CalendarFeedRepository(Db);
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");

        await feeds.ReplaceAsync(candidate, first, Now);
        Assert.That(await feeds.FindLiveOwnerAsync(first), Is.EqualTo(candidate));
        await feeds.ReplaceAsync(candidate, second, Now);
        Assert.That(await feeds.FindLiveOwnerAsync(first), Is.Null, "replaced");
        Assert.That(await feeds.FindLiveOwnerAsync(second), Is.EqualTo(candidate));
        Assert.That(await feeds.RevokeAsync(candidate, Now), Is.True);
        Assert.That(await feeds.FindLiveOwnerAsync(second), Is.Null, "revoked");
        Assert.That(await feeds.GetLiveFeedCreatedAsync(candidate), Is.Null);
    }
}
