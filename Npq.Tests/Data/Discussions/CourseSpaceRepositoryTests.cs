using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Discussions;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Discussions;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>The course-wide space's switch on each database: off without a row, one row per course, only the course's provider's admins.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CourseSpaceRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Switch_IsOffWithoutARow_KeepsOneRowPerCourse_AndIsListedOnlyForTheProvidersAdmins()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        await using var connection = await Db.OpenAsync();
        var (courseId, providerId) = await connection.QuerySingleAsync<(int, int)>(
            "SELECT c.CourseId, co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId", new { cohortId });
        var users = new UserRepository(Db);
        var email = $"{Guid.NewGuid():N}@repo.example";
        var admin = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Ada", ProviderId = providerId, CreatedUtc = T1 };
        await users.CreateAsync(admin);
        await users.AddToRoleAsync(admin.Id, Roles.ProviderAdmin);
        var spaces = new CourseSpaceRepository(Db);

        Assert.Multiple(async () =>
        {
            Assert.That(await spaces.IsEnabledAsync(courseId), Is.False);
            Assert.That(await spaces.AdministersCourseAsync(courseId, admin.Id), Is.True);
            Assert.That(await spaces.AdministersCourseAsync(courseId, mentor), Is.False);
            Assert.That(await spaces.AdministersCourseAsync(courseId, candidate), Is.False);
            Assert.That(await spaces.GetAdministeredAsync(candidate), Is.Empty);
        });

        await spaces.SetEnabledAsync(courseId, true, admin.Id, T1);
        await spaces.SetEnabledAsync(courseId, true, admin.Id, T1.AddMinutes(1));
        var listed = (await spaces.GetAdministeredAsync(admin.Id)).Single(s => s.CourseId == courseId);
        Assert.Multiple(async () =>
        {
            Assert.That(await spaces.IsEnabledAsync(courseId), Is.True);
            Assert.That((listed.Enabled, listed.Cohorts, listed.ChangedUtc), Is.EqualTo((true, 1, (DateTime?)T1.AddMinutes(1))));
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM CourseDiscussionSpaces WHERE CourseId = @courseId", new { courseId }), Is.EqualTo(1));
        });

        await spaces.SetEnabledAsync(courseId, false, admin.Id, T1.AddMinutes(2));
        Assert.That(await spaces.IsEnabledAsync(courseId), Is.False);
    }

    [Test]
    public async Task Standing_AndReaders_SpanEveryCohortOfTheCourse_OnlyWhileOn_NeverWithdrawnOrOtherCourses()
    {
        var (dubai, amira, priya) = await WebinarsData.CohortAsync(Db);
        var (elsewhere, olly, _) = await WebinarsData.CohortAsync(Db);
        int courseId, providerId;
        await using (var read = await Db.OpenAsync())
        {
            (courseId, providerId) = await read.QuerySingleAsync<(int, int)>(
                "SELECT c.CourseId, co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @dubai", new { dubai });
        }

        var london = await new OrganisationRepository(Db).EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "London", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 20,
        });
        var users = new UserRepository(Db);

        async Task<int> User(string name, string role)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, CreatedUtc = T1 };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user.Id, role);
            return user.Id;
        }

        var ben = await User("Ben", Roles.Candidate);
        var wendy = await User("Wendy", Roles.Candidate);
        var fran = await User("Fran", Roles.Mentor);
        var admin = await User("Ada", Roles.ProviderAdmin);
        var enrolments = new EnrolmentRepository(Db);
        await enrolments.EnsureAsync(london, ben, priya, T1);
        await enrolments.EnsureAsync(london, wendy, priya, T1);
        await using (var write = await Db.OpenForWriteAsync())
        {
            await write.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Withdrawn' WHERE CandidateUserId = @wendy", new { wendy });
            await write.ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@london, @fran)", new { london, fran });
        }

        var spaces = new CourseSpaceRepository(Db);
        var discussions = new DiscussionRepository(Db);

        Assert.Multiple(async () =>
        {
            Assert.That((await discussions.GetCourseStandingAsync(courseId, amira)).CanRead(null), Is.False, "off: not even its candidates");
            Assert.That((await discussions.GetCourseStandingAsync(courseId, admin)).IsModerator, Is.False, "off: nobody moderates");
            Assert.That(await discussions.GetCourseReadersAsync(courseId), Is.Empty);
        });

        await spaces.SetEnabledAsync(courseId, true, admin, T1);
        var readers = await discussions.GetCourseReadersAsync(courseId);
        Assert.Multiple(async () =>
        {
            foreach (var reader in new[] { amira, ben, priya, fran, admin })
            {
                Assert.That((await discussions.GetCourseStandingAsync(courseId, reader)).CanRead(null), Is.True, $"user {reader}");
            }

            Assert.That((await discussions.GetCourseStandingAsync(courseId, wendy)).CanRead(null), Is.False, "withdrawn");
            Assert.That((await discussions.GetCourseStandingAsync(courseId, olly)).CanRead(null), Is.False, "another course's candidate");
            Assert.That((await discussions.GetCourseStandingAsync(courseId, amira)).IsModerator, Is.False);
            Assert.That((await discussions.GetCourseStandingAsync(courseId, fran)).IsModerator, Is.True, "a facilitator of one cohort moderates the course's space");
            Assert.That((await discussions.GetCourseStandingAsync(courseId, priya)).IsModerator, Is.True, "a mentor on a cohort");
            Assert.That((await discussions.GetCourseStandingAsync(courseId, admin)).IsModerator, Is.True);
            Assert.That(readers.Select(r => (r.UserId, r.CohortName)), Is.EquivalentTo(new[]
            {
                (amira, (string?)"Dubai"), (ben, "London"), (priya, null), (fran, null), (admin, null),
            }));
        });
        Assert.That(elsewhere, Is.Not.EqualTo(dubai));
    }

    [Test]
    public async Task CourseSpaceTopics_MadeOnce_ReadOnlyWhileOn_ByEveryCohortsCandidates_WithReadersCohorts_AndTheirOwnReports()
    {
        var (dubai, amira, priya) = await WebinarsData.CohortAsync(Db);
        var (elsewhere, olly, _) = await WebinarsData.CohortAsync(Db);
        int courseId, providerId;
        await using (var read = await Db.OpenAsync())
        {
            (courseId, providerId) = await read.QuerySingleAsync<(int, int)>(
                "SELECT c.CourseId, co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @dubai", new { dubai });
        }

        var london = await new OrganisationRepository(Db).EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "London", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 20,
        });
        var users = new UserRepository(Db);
        var email = $"{Guid.NewGuid():N}@repo.example";
        var benUser = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Ben", ProviderId = providerId, CreatedUtc = T1 };
        await users.CreateAsync(benUser);
        await users.AddToRoleAsync(benUser.Id, Roles.Candidate);
        var ben = benUser.Id;
        await new EnrolmentRepository(Db).EnsureAsync(london, ben, priya, T1);
        var repository = new DiscussionRepository(Db);
        var moderation = new ModerationRepository(Db);

        Assert.Multiple(async () =>
        {
            Assert.That(await repository.GetCourseSpaceAsync(courseId), Is.Null, "off: no space");
            Assert.That(await repository.GetCourseSpacesForAsync(amira), Is.Empty);
            Assert.That((await repository.GetCourseStandingAsync(courseId, amira)).CanRead(null), Is.False);
            Assert.That(await repository.GetCourseReadersAsync(courseId), Is.Empty);
        });

        await new CourseSpaceRepository(Db).SetEnabledAsync(courseId, true, priya, T1);
        await repository.EnsureCourseTopicsAsync(courseId, T1);
        await repository.EnsureCourseTopicsAsync(courseId, T1.AddMinutes(1));
        var topics = await repository.GetCourseTopicsAsync(courseId, ben);
        var general = topics.Single(t => t.Topic.Kind == TopicKind.General).Topic;
        var (thread, post) = await repository.AddThreadAsync(new NewThread(general.Id, amira, "Hello", "From Dubai", T1));
        await moderation.ReportAsync(post, ben, "Spam", T1);
        var space = await repository.GetCourseSpaceAsync(courseId);
        var header = await repository.GetThreadAsync(thread);
        var context = await repository.GetPostContextAsync(post);
        var readers = await repository.GetCourseReadersAsync(courseId);
        Assert.Multiple(async () =>
        {
            Assert.That(topics.Select(t => (t.Topic.Kind, t.Topic.CourseSpaceId, t.Topic.CohortId)), Is.EqualTo(new[]
            {
                (TopicKind.Announcements, (int?)courseId, 0), (TopicKind.General, (int?)courseId, 0),
            }), "made once, in order, no cohort's");
            Assert.That((space!.IsCourseSpace, space.CourseId, space.CohortId, space.TimeZone), Is.EqualTo((true, courseId, 0, SpaceCohort.CourseSpaceZone)));
            Assert.That(space.Path, Is.EqualTo($"/discussions/courses/{courseId}"));
            Assert.That((await repository.GetTopicAsync(general.Id))!.CourseSpaceId, Is.EqualTo(courseId));
            Assert.That((header!.CourseSpaceId, header.CohortId), Is.EqualTo(((int?)courseId, 0)));
            Assert.That((context!.CourseSpaceId, context.CohortId), Is.EqualTo(((int?)courseId, 0)));
            Assert.That((await repository.GetCourseSpacesForAsync(ben)).Select(s => s.CourseId), Is.EqualTo(new[] { courseId }));
            Assert.That(await repository.GetCourseSpacesForAsync(olly), Is.Empty, "another course's candidate");
            Assert.That((await repository.GetCourseStandingAsync(courseId, ben)).CanRead(null), Is.True, "a candidate of the other cohort");
            Assert.That((await repository.GetCourseStandingAsync(courseId, olly)).CanRead(null), Is.False);
            Assert.That((await repository.GetCourseStandingAsync(courseId, priya)).IsModerator, Is.True);
            Assert.That(readers.Where(r => r.UserId == amira || r.UserId == ben).Select(r => r.CohortName), Is.EquivalentTo(new[] { "Dubai", "London" }));
            Assert.That(readers.Select(r => r.UserId), Does.Not.Contain(olly));
            Assert.That((await repository.GetCourseTopicsAsync(courseId, ben)).Single(t => t.Topic.Id == general.Id).Unread, Is.EqualTo(1));
            Assert.That((await moderation.GetCourseOpenReportsAsync(courseId)).Select(r => r.PostId), Is.EqualTo(new[] { post }));
            Assert.That(await moderation.GetOpenReportsAsync(dubai), Is.Empty, "a course-space report is not a cohort's");
            Assert.That(await repository.GetTopicsAsync(dubai, ben), Has.None.Matches<TopicLine>(t => t.Topic.Id == general.Id));
        });

        await new CourseSpaceRepository(Db).SetEnabledAsync(courseId, false, priya, T1.AddMinutes(2));
        Assert.That(await repository.GetCourseSpaceAsync(courseId), Is.Null);
        Assert.That((await repository.GetCourseStandingAsync(courseId, priya)).CanRead(null), Is.False, "off again: nobody");
        Assert.That(elsewhere, Is.Not.EqualTo(dubai));
    }
}
