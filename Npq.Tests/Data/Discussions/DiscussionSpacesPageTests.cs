using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Discussions;
using Npq.Data.Enrolment;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>
/// The spaces a person reads, found from the person (issue 23): a provider admin's every cohort of their provider a
/// page at a time, a candidate's (not withdrawn), a mentor's and a facilitator's own; never another provider's cohort,
/// nothing for someone with no standing.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class DiscussionSpacesPageTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task SpacesPage_EachPersonReadsTheirOwn_AnAdminTheirProvidersCohortsAPageAtATime()
    {
        var (dubai, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var (otherCohort, otherCandidate, otherMentor) = await WebinarsData.CohortAsync(Db);
        int courseId, providerId;
        await using (var connection = await Db.OpenAsync())
        {
            (courseId, providerId) = await connection.QuerySingleAsync<(int, int)>(
                "SELECT c.CourseId, co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @dubai", new { dubai });
        }

        var organisations = new OrganisationRepository(Db);
        async Task<int> Cohort(string name) => await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = name, StartYear = 2026, StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 20,
        });
        var bristol = await Cohort("Bristol");
        var cardiff = await Cohort("Cardiff");
        var users = new UserRepository(Db);
        async Task<int> User(string name, string? role)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, CreatedUtc = T1 };
            await users.CreateAsync(user);
            if (role is not null)
            {
                await users.AddToRoleAsync(user.Id, role);
            }

            return user.Id;
        }

        var admin = await User("Ada Admin", Roles.ProviderAdmin);
        var facilitator = await User("Fran Facilitator", Roles.Mentor);
        var leaver = await User("Lee Leaver", Roles.Candidate);
        var nobody = await User("Nobody", null);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@cardiff, @facilitator)", new { cardiff, facilitator });
        }

        var enrolments = new EnrolmentRepository(Db);
        await enrolments.EnsureAsync(bristol, candidate, null, T1);
        await enrolments.EnsureAsync(bristol, leaver, null, T1);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Withdrawn' WHERE CohortId = @bristol AND CandidateUserId = @leaver", new { bristol, leaver });
        }

        var repository = new DiscussionRepository(Db);
        async Task<(int Total, int[] Ids)> Page(int userId, int skip, int take)
        {
            var (total, rows) = await repository.GetSpacesPageAsync(userId, skip, take);
            return (total, rows.Select(r => r.CohortId).ToArray());
        }

        Assert.That(await Page(admin, 0, 2), Is.EqualTo((3, new[] { bristol, cardiff })), "the provider's cohorts by name, a page at a time");
        Assert.That(await Page(admin, 2, 2), Is.EqualTo((3, new[] { dubai })), "the next page; never the other provider's cohort");
        Assert.That(await Page(admin, 4, 2), Is.EqualTo((3, Array.Empty<int>())), "past the end");
        Assert.That(await Page(candidate, 0, 25), Is.EqualTo((2, new[] { bristol, dubai })));
        Assert.That(await Page(mentor, 0, 25), Is.EqualTo((1, new[] { dubai })), "a mentor: the cohorts of their mentees only");
        Assert.That(await Page(facilitator, 0, 25), Is.EqualTo((1, new[] { cardiff })), "a named facilitator of the cohort");
        Assert.That(await Page(leaver, 0, 25), Is.EqualTo((0, Array.Empty<int>())), "withdrawn: no space");
        Assert.That(await Page(nobody, 0, 25), Is.EqualTo((0, Array.Empty<int>())), "deny by default");
        Assert.That(await Page(otherMentor, 0, 25), Is.EqualTo((1, new[] { otherCohort })));
        Assert.That(await Page(otherCandidate, 0, 25), Is.EqualTo((1, new[] { otherCohort })));
        Assert.That((await repository.GetSpacesPageAsync(admin, 0, 25)).Rows.Select(s => (s.CohortId, s.CohortName)), Is.EqualTo(new[] { (bristol, "Bristol"), (cardiff, "Cardiff"), (dubai, "Dubai") }),
            "one page of all is the pages in order");

        // An admin who also studies and facilitates at another provider reads those spaces too, after all of their
        // provider's, whatever the courses are called; a page may end in their provider's and go on in the others.
        var studyingAdmin = await User("Ade Admin", Roles.ProviderAdmin);
        var (thirdCohort, _, _) = await WebinarsData.CohortAsync(Db);
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Courses SET Name = 'A first course' WHERE Id = (SELECT CourseId FROM Cohorts WHERE Id = @thirdCohort)", new { thirdCohort });
            await connection.ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@thirdCohort, @studyingAdmin)", new { thirdCohort, studyingAdmin });
        }

        await enrolments.EnsureAsync(otherCohort, studyingAdmin, null, T1);
        Assert.That(await Page(studyingAdmin, 0, 25), Is.EqualTo((5, new[] { bristol, cardiff, dubai, thirdCohort, otherCohort })));
        Assert.That(await Page(studyingAdmin, 2, 2), Is.EqualTo((5, new[] { dubai, thirdCohort })), "a page across the two");
        Assert.That(await Page(studyingAdmin, 3, 2), Is.EqualTo((5, new[] { thirdCohort, otherCohort })), "a page of the others alone");
        Assert.That(await Page(studyingAdmin, 4, 2), Is.EqualTo((5, new[] { otherCohort })));
        Assert.That(await Page(studyingAdmin, 6, 2), Is.EqualTo((5, Array.Empty<int>())), "past the end");
    }
}
