using Npq.Core.Accounts;
using Npq.Data.Accounts;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class RelationshipRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private AccountRows Rows => new(Db);

    private RelationshipRepository Relationships => new(Db);

    [Test]
    public async Task IsMentorOf_OnlyTheMentorOfAnEnrolmentOfTheCandidate()
    {
        var providerId = await Rows.ProviderAsync();
        var cohortId = await Rows.CohortAsync(providerId);
        var candidate = await Rows.UserAsync(providerId: providerId);
        var mentor = await Rows.UserAsync(providerId: providerId);
        var otherMentor = await Rows.UserAsync(providerId: providerId);
        await Rows.EnrolAsync(cohortId, candidate.Id, mentor.Id);

        Assert.That(await Relationships.IsMentorOfAsync(mentor.Id, candidate.Id), Is.True);
        Assert.That(await Relationships.IsMentorOfAsync(otherMentor.Id, candidate.Id), Is.False);
        Assert.That(await Relationships.IsMentorOfAsync(candidate.Id, mentor.Id), Is.False);
    }

    [Test]
    public async Task IsHeadteacherOf_AnActiveHeadOfTheCandidatesSchoolOnly()
    {
        var schoolId = await Rows.SchoolAsync();
        var otherSchool = await Rows.SchoolAsync();
        var candidate = await Rows.UserAsync(schoolId: schoolId);
        var head = await Rows.UserAsync(schoolId: schoolId, roles: Roles.Headteacher);
        var formerHead = await Rows.UserAsync(schoolId: schoolId, active: false, roles: Roles.Headteacher);
        var otherHead = await Rows.UserAsync(schoolId: otherSchool, roles: Roles.Headteacher);
        var noSchool = await Rows.UserAsync();
        var headWithoutSchool = await Rows.UserAsync(roles: Roles.Headteacher);

        Assert.That(await Relationships.IsHeadteacherOfAsync(head.Id, candidate.Id), Is.True);
        Assert.That(await Relationships.IsHeadteacherOfAsync(formerHead.Id, candidate.Id), Is.False);
        Assert.That(await Relationships.IsHeadteacherOfAsync(otherHead.Id, candidate.Id), Is.False);
        Assert.That(await Relationships.IsHeadteacherOfAsync(headWithoutSchool.Id, noSchool.Id), Is.False, "no school is nobody's school");
    }

    [Test]
    public async Task HeadteachersOf_AreTheSchoolsActiveHeadteachersOtherThanTheCandidate()
    {
        var schoolId = await Rows.SchoolAsync();
        var candidate = await Rows.UserAsync(schoolId: schoolId, roles: Roles.Headteacher);
        var first = await Rows.UserAsync(schoolId: schoolId, roles: Roles.Headteacher);
        var second = await Rows.UserAsync(schoolId: schoolId, roles: [Roles.Mentor, Roles.Headteacher]);
        await Rows.UserAsync(schoolId: schoolId, active: false, roles: Roles.Headteacher);
        await Rows.UserAsync(schoolId: schoolId, roles: Roles.Mentor);
        var noSchool = await Rows.UserAsync();

        Assert.That(await Relationships.HeadteachersOfAsync(candidate.Id), Is.EqualTo(new[] { first.Id, second.Id }));
        Assert.That(await Relationships.HeadteachersOfAsync(noSchool.Id), Is.Empty);
    }

    [Test]
    public async Task IsProviderAdminOf_ThroughAnEnrolmentOrTheSameProvider_NeverAnotherProvider()
    {
        var providerId = await Rows.ProviderAsync();
        var otherProvider = await Rows.ProviderAsync();
        var admin = await Rows.UserAsync(providerId: providerId, roles: Roles.ProviderAdmin);
        var enrolledElsewhereRegistered = await Rows.UserAsync(providerId: otherProvider);
        await Rows.EnrolAsync(await Rows.CohortAsync(providerId), enrolledElsewhereRegistered.Id, null);
        var applicant = await Rows.UserAsync(providerId: providerId);
        var stranger = await Rows.UserAsync(providerId: otherProvider);
        await Rows.EnrolAsync(await Rows.CohortAsync(otherProvider), stranger.Id, null);

        Assert.That(await Relationships.IsProviderAdminOfAsync(admin.Id, enrolledElsewhereRegistered.Id), Is.True, "enrolled in the admin's cohort");
        Assert.That(await Relationships.IsProviderAdminOfAsync(admin.Id, applicant.Id), Is.True, "registered with the admin's provider");
        Assert.That(await Relationships.IsProviderAdminOfAsync(admin.Id, stranger.Id), Is.False);
    }
}
