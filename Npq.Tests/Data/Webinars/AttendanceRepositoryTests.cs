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

    [Test]
    public async Task CandidateFacts_InOneRead_AreWhatTheSingleReadsGiveForEachEnrolledCohort_AndNothingElse()
    {
        var (first, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var (second, other, secondMentor) = await WebinarsData.CohortAsync(Db);
        var (notEnrolled, _, thirdMentor) = await WebinarsData.CohortAsync(Db);
        await new Npq.Data.Enrolment.EnrolmentRepository(Db).EnsureAsync(second, candidate, secondMentor, Now.AddDays(1));
        var webinars = new WebinarRepository(Db);
        var attendance = new AttendanceRepository(Db);
        var a = (await webinars.CreateSessionsAsync([WebinarsData.Session(first, mentor, Now.AddDays(-7)), WebinarsData.Session(first, mentor, Now.AddDays(-14)), WebinarsData.Session(first, mentor, Now.AddDays(7))])).ToList();
        var b = (await webinars.CreateSessionsAsync([WebinarsData.Session(second, secondMentor, Now.AddDays(-3)), WebinarsData.Session(second, secondMentor, Now.AddDays(-3))])).ToList();
        var c = (await webinars.CreateSessionsAsync([WebinarsData.Session(notEnrolled, thirdMentor, Now.AddDays(-2))])).Single();
        await attendance.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = a[0], UserId = candidate, JoinUtc = Now.AddDays(-7), LeaveUtc = Now.AddDays(-7).AddMinutes(80), Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = b[1], UserId = candidate, JoinUtc = Now.AddDays(-3), LeaveUtc = Now.AddDays(-3).AddMinutes(20), Source = AttendanceSource.JoinButton },
            new AttendanceSegment { SessionId = b[1], UserId = other, JoinUtc = Now.AddDays(-3), LeaveUtc = Now.AddDays(-3).AddMinutes(90), Source = AttendanceSource.Import },
            new AttendanceSegment { SessionId = c, UserId = candidate, JoinUtc = Now.AddDays(-2), LeaveUtc = Now.AddDays(-2).AddMinutes(90), Source = AttendanceSource.Import },
        ], Now);
        await attendance.SaveRegisterAsync(a[1], [(candidate, RegisterMark.Excused, "Ill")], mentor, Now);
        await attendance.SaveRegisterAsync(b[0], [(candidate, RegisterMark.Late, null), (other, RegisterMark.Present, null)], secondMentor, Now);
        await attendance.SaveRegisterAsync(c, [(candidate, RegisterMark.Present, null)], thirdMentor, Now);

        var facts = await attendance.GetCandidateFactsAsync(candidate, Now);

        Assert.That(facts.EnrolledCohortIds, Is.EqualTo(await webinars.GetEnrolledCohortIdsAsync(candidate)));
        Assert.That(facts.EnrolledCohortIds, Is.EqualTo(new[] { first, second }), "in enrolment order, never a cohort they are not on");
        Assert.That(facts.Cohorts.OrderBy(x => x.Id), Is.EqualTo(new[] { (await webinars.GetCohortAsync(first))!, (await webinars.GetCohortAsync(second))! }.OrderBy(x => x.Id)));
        static object Shape(SessionSummary s) => (s.Id, s.CohortId, s.Title, s.StartUtc, s.StartUtc.Kind, s.DurationMinutes, s.FacilitatorUserId, s.JoinUrl, s.Venue, s.Status, s.RecordingUrl);
        Assert.That(facts.Sessions.Where(s => s.CohortId == first).Select(Shape), Is.EqualTo((await webinars.GetSessionsForCohortAsync(first)).Where(s => s.StartUtc <= Now).Select(Shape)));
        Assert.That(facts.Sessions.Where(s => s.CohortId == second).Select(Shape), Is.EqualTo((await webinars.GetSessionsForCohortAsync(second)).Select(Shape)));
        Assert.That(facts.Sessions.Select(s => s.Id), Is.EquivalentTo(a.Take(2).Concat(b)), "not the session a week ahead");
        Assert.That((await attendance.GetCandidateFactsAsync(candidate, Now.AddDays(8))).Sessions.Select(s => s.Id), Is.EquivalentTo(a.Concat(b)), "once it has started");
        var segments = (await attendance.GetSegmentsAsync(candidate, first)).Concat(await attendance.GetSegmentsAsync(candidate, second));
        Assert.That(facts.Segments, Is.EquivalentTo(segments));
        Assert.That(facts.Segments.Select(s => s.UserId).Distinct(), Is.EqualTo(new[] { candidate }), "only the candidate's own");
        var marks = (await attendance.GetMarksAsync(candidate, first)).Concat(await attendance.GetMarksAsync(candidate, second));
        Assert.That(facts.Marks, Is.EquivalentTo(marks));
        Assert.That(facts.Marks.Select(m => m.SessionId), Is.EquivalentTo(new[] { a[1], b[0] }));

        var queries = new AttendanceQueries(webinars, attendance, new FakeTimeProvider(Now));
        var summaries = await queries.GetAttendanceForCandidateAsync(candidate);
        Assert.That(summaries.Select(s => s.CohortId), Is.EqualTo(new[] { first, second }));
        foreach (var summary in summaries)
        {
            var single = (await queries.GetAttendanceAsync(candidate, summary.CohortId))!;
            Assert.That((summary.MinutesAttended, summary.SessionsCounted, summary.SessionsAttended, summary.SessionsExcused, summary.ThresholdPercent),
                Is.EqualTo((single.MinutesAttended, single.SessionsCounted, single.SessionsAttended, single.SessionsExcused, single.ThresholdPercent)));
            Assert.That(summary.Sessions.Select(l => (l.Session.Id, l.MinutesAttended, l.Mark, l.Note, l.Outcome)),
                Is.EqualTo(single.Sessions.Select(l => (l.Session.Id, l.MinutesAttended, l.Mark, l.Note, l.Outcome))));
        }

        Assert.That((summaries[0].MinutesAttended, summaries[0].SessionsAttended, summaries[0].SessionsExcused), Is.EqualTo((80, 1, 1)));
        Assert.That((summaries[1].MinutesAttended, summaries[1].SessionsAttended, summaries[1].SessionsCounted), Is.EqualTo((20, 1, 2)), "late counts as attended; 20 of 90 minutes does not");

        var nobody = await attendance.GetCandidateFactsAsync(thirdMentor, Now);
        Assert.That(nobody.EnrolledCohortIds.Count + nobody.Cohorts.Count + nobody.Sessions.Count + nobody.Segments.Count + nobody.Marks.Count, Is.Zero);
    }
}
