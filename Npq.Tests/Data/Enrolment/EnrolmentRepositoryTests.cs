using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class EnrolmentRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task Ensure_CalledTwice_MakesOneActiveEnrolmentAndReadsItBack()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var candidate = await NewUserAsync("ensured");
        var mentor = await NewUserAsync("mentor");
        var enrolments = new EnrolmentRepository(Db);

        var first = await enrolments.EnsureAsync(cohortId, candidate, mentor, Now);
        var second = await enrolments.EnsureAsync(cohortId, candidate, null, Now.AddDays(1));

        Assert.That(second, Is.EqualTo(first));
        var expected = new CohortEnrolment { Id = first, CohortId = cohortId, CandidateUserId = candidate, MentorUserId = mentor, EnrolledUtc = Now, Version = 1 };
        Assert.That(await enrolments.GetAsync(first), Is.EqualTo(expected));
        Assert.That(await enrolments.GetForCandidateAsync(candidate), Is.EqualTo(new[] { expected }));
        Assert.That(await enrolments.GetForMentorAsync(mentor), Is.EqualTo(new[] { expected }));
        Assert.That(await enrolments.GetAsync(999_999), Is.Null);
    }
}
