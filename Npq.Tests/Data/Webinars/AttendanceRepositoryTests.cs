using Microsoft.Extensions.Time.Testing;
using Npq.Core.Webinars;
using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

/// <summary>The attendance store's contract, on every provider: segments and the register, read back as written.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class AttendanceRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static DateTime Now => WebinarsData.Now;

    private async Task<(int CohortId, int Candidate, int Mentor, int SessionId)> ArrangeAsync(DateTime start)
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var sessionId = (await new WebinarRepository(Db).CreateSessionsAsync([WebinarsData.Session(cohortId, mentor, start)])).Single();
        return (cohortId, candidate, mentor, sessionId);
    }

    [Test]
    public async Task Segments_ReadBackExactly_OpenOnesStayOpen_SourceKept()
    {
        var (cohortId, candidate, _, sessionId) = await ArrangeAsync(Now.AddDays(-1));
        var repository = new AttendanceRepository(Db);

        var id = await repository.AddSegmentAsync(new AttendanceSegment { SessionId = sessionId, UserId = candidate, JoinUtc = Now.AddDays(-1), Source = AttendanceSource.JoinButton }, Now);
        await repository.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = sessionId, UserId = candidate, JoinUtc = Now.AddDays(-1).AddMinutes(5), LeaveUtc = Now.AddDays(-1).AddMinutes(50), Source = AttendanceSource.Import },
        ], Now);

        var segments = await repository.GetSegmentsForSessionAsync(sessionId);
        Assert.That(segments, Has.Count.EqualTo(2));
        Assert.That((segments[0].Id, segments[0].UserId, segments[0].LeaveUtc, segments[0].Source), Is.EqualTo((id, candidate, (DateTime?)null, AttendanceSource.JoinButton)));
        Assert.That(segments[0].JoinUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That((segments[1].LeaveUtc, segments[1].Source), Is.EqualTo(((DateTime?)Now.AddDays(-1).AddMinutes(50), AttendanceSource.Import)));
        Assert.That(await repository.GetSegmentsAsync(candidate, cohortId), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Segments_OfAnotherCohortOrPerson_AreNotReturned()
    {
        var (cohortId, candidate, _, sessionId) = await ArrangeAsync(Now.AddDays(-1));
        var (otherCohort, otherCandidate, _, otherSession) = await ArrangeAsync(Now.AddDays(-1));
        var repository = new AttendanceRepository(Db);
        await repository.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = sessionId, UserId = candidate, JoinUtc = Now.AddDays(-1), Source = AttendanceSource.Register },
            new AttendanceSegment { SessionId = otherSession, UserId = otherCandidate, JoinUtc = Now.AddDays(-1), Source = AttendanceSource.Import },
        ], Now);

        Assert.That((await repository.GetSegmentsAsync(candidate, cohortId)).Select(s => s.SessionId), Is.EqualTo(new[] { sessionId }));
        Assert.That(await repository.GetSegmentsAsync(candidate, otherCohort), Is.Empty);
        Assert.That((await repository.GetSegmentsForSessionAsync(otherSession)).Single().UserId, Is.EqualTo(otherCandidate));
    }

    [Test]
    public async Task Register_AMarkReplacesThePreviousOne_NoMarkClearsIt()
    {
        var (cohortId, candidate, mentor, sessionId) = await ArrangeAsync(Now.AddDays(-1));
        var repository = new AttendanceRepository(Db);

        await repository.SaveRegisterAsync(sessionId, [(candidate, RegisterMark.Late, "Traffic")], mentor, Now);
        await repository.SaveRegisterAsync(sessionId, [(candidate, RegisterMark.Excused, "Ill")], mentor, Now.AddMinutes(1));
        var mark = (await repository.GetMarksForSessionAsync(sessionId)).Single();
        Assert.That((mark.UserId, mark.Mark, mark.Note, mark.RecordedByUserId, mark.RecordedUtc), Is.EqualTo((candidate, RegisterMark.Excused, "Ill", mentor, Now.AddMinutes(1))));
        Assert.That((await repository.GetMarksAsync(candidate, cohortId)).Single().Mark, Is.EqualTo(RegisterMark.Excused));

        await repository.SaveRegisterAsync(sessionId, [(candidate, null, null)], mentor, Now);
        Assert.That(await repository.GetMarksForSessionAsync(sessionId), Is.Empty);
    }

    [Test]
    public async Task Summary_FromStoredSegmentsAndRegister_CountsOverlapOnceAndLeavesExcusedOut()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var webinars = new WebinarRepository(Db);
        var attendance = new AttendanceRepository(Db);
        var past = (await webinars.CreateSessionsAsync([WebinarsData.Session(cohortId, mentor, Now.AddDays(-7)), WebinarsData.Session(cohortId, mentor, Now.AddDays(-14))])).ToList();
        await attendance.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = past[0], UserId = candidate, JoinUtc = Now.AddDays(-7), LeaveUtc = Now.AddDays(-7).AddMinutes(50), Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = past[0], UserId = candidate, JoinUtc = Now.AddDays(-7).AddMinutes(40), Source = AttendanceSource.JoinButton },
        ], Now);
        await attendance.SaveRegisterAsync(past[1], [(candidate, RegisterMark.Excused, "Ill")], mentor, Now);

        var summary = (await new AttendanceQueries(webinars, attendance, new FakeTimeProvider(Now)).GetAttendanceAsync(candidate, cohortId))!;

        Assert.That(summary.MinutesAttended, Is.EqualTo(90), "overlap counted once, the open join closed at the end");
        Assert.That((summary.SessionsCounted, summary.SessionsAttended, summary.SessionsExcused, summary.Percentage), Is.EqualTo((1, 1, 1, 100)));
        Assert.That(summary.Sessions.Single(s => s.Session.Id == past[1]).Note, Is.EqualTo("Ill"));
    }
}
