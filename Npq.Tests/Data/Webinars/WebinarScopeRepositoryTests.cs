using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Webinars;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

/// <summary>
/// The sessions page's reads that do not grow with the provider (issue 23): a person's own cohorts from their own rows,
/// and a provider's sessions read by provider and start time, never another provider's.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class WebinarScopeRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static DateTime Now => WebinarsData.Now;

    private sealed record World(int Provider, int A, int A2, int Other, int Candidate, int Mentor, int Admin, int Nobody, int OtherMentor);

    /// <summary>Provider P with cohorts A (Amira mentored by Priya) and A2, its admin and a user with nothing; another provider's cohort.</summary>
    private async Task<World> ArrangeAsync()
    {
        var (a, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var (other, _, otherMentor) = await WebinarsData.CohortAsync(Db);
        var repository = new WebinarRepository(Db);
        var provider = (await repository.GetCohortAsync(a))!.ProviderId;
        int courseId;
        await using (var connection = await Db.OpenAsync())
        {
            courseId = await connection.ExecuteScalarAsync<int>("SELECT CourseId FROM Cohorts WHERE Id = @a", new { a });
        }

        var a2 = await new OrganisationRepository(Db).EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Bristol", StartYear = 2026, StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 20,
        });
        var users = new UserRepository(Db);
        async Task<int> User(string name, string? role)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = provider, CreatedUtc = Now };
            await users.CreateAsync(user);
            if (role is not null)
            {
                await users.AddToRoleAsync(user.Id, role);
            }

            return user.Id;
        }

        return new World(provider, a, a2, other, candidate, mentor, await User("Ada Admin", Roles.ProviderAdmin), await User("Nobody", null), otherMentor);
    }

    [Test]
    public async Task PersonReach_OwnCohortsFromTheirOwnRows_WithTheirStanding_AndTheirProvider()
    {
        var w = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        // Priya also facilitates a session of A2 without mentoring anyone there.
        await repository.CreateSessionsAsync([WebinarsData.Session(w.A2, w.Mentor, Now.AddDays(1))]);

        static object Rows(PersonReach r) => r.Cohorts.Select(c => (c.Cohort.Id, c.IsAdmin, c.IsFacilitator, c.IsEnrolled)).ToArray();

        var admin = await repository.GetPersonReachAsync(w.Admin, isProviderAdmin: true);
        Assert.That((admin.ProviderId, admin.Cohorts.Count), Is.EqualTo(((int?)w.Provider, 0)),
            "an admin's own rows name no cohort: the provider's every cohort is not listed (its sessions are read by provider)");

        var mentor = await repository.GetPersonReachAsync(w.Mentor, isProviderAdmin: false);
        Assert.That(Rows(mentor), Is.EqualTo(new[] { (w.A2, false, true, false), (w.A, false, true, false) }), "mentoring on A, facilitating in A2; by start date");
        Assert.That(mentor.ProviderId, Is.Null, "only an admin's reach names the provider");
        Assert.That(mentor.Cohorts.Select(c => c.Cohort.ProviderId), Is.All.EqualTo(w.Provider));

        var mentorAsAdmin = await repository.GetPersonReachAsync(w.Mentor, isProviderAdmin: true);
        Assert.That(mentorAsAdmin.Cohorts.Select(c => c.IsAdmin), Is.All.True, "their provider's cohorts, when they are its admin");

        Assert.That(Rows(await repository.GetPersonReachAsync(w.Candidate, isProviderAdmin: false)), Is.EqualTo(new[] { (w.A, false, false, true) }));
        var nobody = await repository.GetPersonReachAsync(w.Nobody, isProviderAdmin: true);
        Assert.That((nobody.ProviderId, nobody.Cohorts.Count), Is.EqualTo(((int?)w.Provider, 0)));
        Assert.That((await repository.GetPersonReachAsync(-1, false)).ProviderId, Is.Null, "no such person");
    }

    /// <summary>The start of the hours a session can still be running in (the longest a session lasts).</summary>
    private static DateTime WindowStart => Now.AddMinutes(-SessionQueries.LongestSessionMinutes);

    /// <summary>
    /// A list as one range in its order: the upcoming are those still running (however long ago they started within
    /// the window) and those to start; the past those ended (a session ending exactly now has ended) and every older
    /// one. A provider's with its cohort, or a person's cohorts'; counted only when the page is full or past the end.
    /// </summary>
    [Test]
    public async Task SessionList_RunningThenToStart_OrEndedLatestFirst_ByProviderOrCohorts_CountedOnlyPastAShortPage()
    {
        var w = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var ids = await repository.CreateSessionsAsync(
        [
            WebinarsData.Session(w.A, w.Mentor, Now.AddHours(-7)) with { DurationMinutes = 480 }, // running until an hour from now
            WebinarsData.Session(w.A2, w.Mentor, Now.AddHours(-3)), // ended an hour and a half ago
            WebinarsData.Session(w.A, w.Mentor, Now.AddMinutes(-90)), // ends exactly now: ended
            WebinarsData.Session(w.A2, w.Mentor, Now.AddMinutes(-89)), // running a minute more
            WebinarsData.Session(w.A, w.Mentor, Now.AddHours(-9)), // started before the window
            WebinarsData.Session(w.A, w.Mentor, Now.AddMinutes(1)), // not started
            WebinarsData.Session(w.Other, w.OtherMentor, Now.AddHours(-1)), // another provider's, running
        ]);
        var (longOne, endedEarlier, endsNow, runningOn, beforeWindow, toCome, otherRunning) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]);

        Task<SessionListPage> List(int? provider, IReadOnlyCollection<int> cohorts, SessionList list, int skip = 0, int take = 25, int upTo = 100) =>
            repository.GetSessionListAsync(provider, cohorts, list, WindowStart, Now, skip, take, upTo);
        async Task<int[]> Read(int? provider, IReadOnlyCollection<int> cohorts, SessionList list, int skip = 0, int take = 25) =>
            (await List(provider, cohorts, list, skip, take)).Sessions.Select(s => s.Session.Id).ToArray();
        async Task<(int[], int?)> Page(int? provider, IReadOnlyCollection<int> cohorts, SessionList list, int skip, int take, int upTo = 100)
        {
            var page = await List(provider, cohorts, list, skip, take, upTo);
            return (page.Sessions.Select(s => s.Session.Id).ToArray(), page.Counted);
        }

        var many = Enumerable.Range(1, WebinarRepository.MostCohortsAsParameters).Select(i => -i).ToArray();
        Assert.That(await Read(w.Provider, [], SessionList.Upcoming), Is.EqualTo(new[] { longOne, runningOn, toCome }), "running, then to start, by start");
        Assert.That(await Read(w.Provider, [], SessionList.Past), Is.EqualTo(new[] { endsNow, endedEarlier, beforeWindow }), "ended, latest first");
        Assert.That(await Read(w.Provider, [w.Other], SessionList.Upcoming), Is.EqualTo(new[] { longOne, runningOn, otherRunning, toCome }), "with a cohort added by id");
        Assert.That(await Read(w.Provider, [w.Other, .. many], SessionList.Upcoming), Is.EqualTo(new[] { longOne, runningOn, otherRunning, toCome }), "the same with the ids as one JSON array");
        Assert.That(await Read(null, [w.A], SessionList.Upcoming), Is.EqualTo(new[] { longOne, toCome }), "a person's own cohorts");
        Assert.That(await Read(null, [w.A, w.A2, .. many], SessionList.Past), Is.EqualTo(new[] { endsNow, endedEarlier, beforeWindow }));
        Assert.That((await List(w.Provider, [], SessionList.Upcoming)).Sessions.Select(s => s.Cohort?.Id), Is.EqualTo(new int?[] { w.A, w.A2, w.A }),
            "a provider's, each with its cohort");

        Assert.That(await Page(w.Provider, [], SessionList.Upcoming, 0, 25), Is.EqualTo((new[] { longOne, runningOn, toCome }, (int?)null)), "a short page is not counted");
        Assert.That(await Page(w.Provider, [], SessionList.Upcoming, 1, 1), Is.EqualTo((new[] { runningOn }, (int?)3)), "a full page is counted");
        Assert.That(await Page(w.Provider, [w.Other], SessionList.Upcoming, 0, 4), Is.EqualTo((new[] { longOne, runningOn, otherRunning, toCome }, (int?)4)));
        Assert.That(await Page(w.Provider, [], SessionList.Past, 0, 1, upTo: 2), Is.EqualTo((new[] { endsNow }, (int?)2)), "counted up to the limit");
        Assert.That(await Page(w.Provider, [], SessionList.Past, 10, 5), Is.EqualTo((Array.Empty<int>(), (int?)3)), "past the end: counted");
        Assert.That(await Page(null, [w.Other], SessionList.Past, 0, 5), Is.EqualTo((Array.Empty<int>(), (int?)null)), "an empty first page says none");
        Assert.That(await Page(null, [w.A, w.A2], SessionList.Past, 0, 3), Is.EqualTo((new[] { endsNow, endedEarlier, beforeWindow }, (int?)3)));
        Assert.That(await Page(null, [], SessionList.Upcoming, 0, 25), Is.EqualTo((Array.Empty<int>(), (int?)0)), "nothing reached");
        Assert.That(await Page(-1, [], SessionList.Upcoming, 1, 1), Is.EqualTo((Array.Empty<int>(), (int?)0)), "no such provider");
    }

    [Test]
    public async Task ProviderSessions_OnlyThatProvidersAndTheCohortsAdded_InStartOrder_EachWithItsCohort()
    {
        var w = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var ids = await repository.CreateSessionsAsync(
        [
            WebinarsData.Session(w.A, w.Mentor, Now.AddDays(-3)), WebinarsData.Session(w.A2, w.Mentor, Now.AddHours(-1)),
            WebinarsData.Session(w.A, w.Mentor, Now.AddDays(1)), WebinarsData.Session(w.A2, w.Mentor, Now.AddDays(1)),
            WebinarsData.Session(w.A2, w.Mentor, Now.AddDays(4)),
            WebinarsData.Session(w.Other, w.OtherMentor, Now.AddDays(2)), WebinarsData.Session(w.Other, w.OtherMentor, Now.AddDays(-1)),
        ]);
        var (aOld, a2Running, aTomorrow, a2Tomorrow, a2Later, otherSoon, otherPast) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]);

        async Task<IReadOnlyList<ListedSession>> List(IReadOnlyCollection<int> also, SessionList list, int skip = 0, int take = 25) =>
            (await repository.GetSessionListAsync(w.Provider, also, list, WindowStart, Now, skip, take, 100)).Sessions;
        async Task<int[]> Read(IReadOnlyCollection<int> also, SessionList list, int skip = 0, int take = 25) =>
            (await List(also, list, skip, take)).Select(s => s.Session.Id).ToArray();

        Assert.That(await Read([], SessionList.Upcoming), Is.EqualTo(new[] { a2Running, aTomorrow, a2Tomorrow, a2Later }), "soonest first, never the other provider's");
        Assert.That(await Read([], SessionList.Upcoming, 1, 2), Is.EqualTo(new[] { aTomorrow, a2Tomorrow }), "a page; the same start by id");
        Assert.That(await Read([], SessionList.Past), Is.EqualTo(new[] { aOld }), "latest first");
        Assert.That(await Read([], SessionList.Upcoming, 0, 0), Is.Empty, "nothing asked");
        Assert.That(await Read([w.Other], SessionList.Upcoming), Is.EqualTo(new[] { a2Running, aTomorrow, a2Tomorrow, otherSoon, a2Later }),
            "a cohort of another provider the person reaches otherwise, added by id");
        Assert.That(await Read([w.Other, .. Enumerable.Range(1, WebinarRepository.MostCohortsAsParameters).Select(i => -i)], SessionList.Past),
            Is.EqualTo(new[] { otherPast, aOld }), "the same with the ids as one JSON array");

        var listed = (await List([w.Other], SessionList.Past)).Concat(await List([w.Other], SessionList.Upcoming)).ToList();
        foreach (var session in listed)
        {
            Assert.That(session.Cohort, Is.EqualTo(await repository.GetCohortAsync(session.Session.CohortId)), "each session with its cohort, as read by id");
        }

        Assert.That(listed.Select(s => s.Cohort!.Id), Is.EquivalentTo(new[] { w.A, w.A2, w.A, w.A2, w.A2, w.Other, w.Other }));
    }

    [Test]
    public async Task ProviderSessions_FollowTheirCohortsCourse_AsSessionsAndCohortsMove_OverEveryCourseOfTheProvider()
    {
        var w = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        int otherCourse, secondCourse;
        await using (var connection = await Db.OpenAsync())
        {
            otherCourse = await connection.ExecuteScalarAsync<int>("SELECT CourseId FROM Cohorts WHERE Id = @Other", new { w.Other });
        }

        secondCourse = await new OrganisationRepository(Db).EnsureCourseAsync(new Course
        {
            ProviderId = w.Provider, Identifier = "npq-second-" + Guid.NewGuid().ToString("N")[..6], ShortCode = "SEC", Name = "Second course", FrameworkCode = "npqsl",
        });
        var ofSecond = await new OrganisationRepository(Db).EnsureCohortAsync(new Cohort
        {
            CourseId = secondCourse, Name = "Second", StartYear = 2026, StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 20,
        });
        var ids = await repository.CreateSessionsAsync(
        [
            WebinarsData.Session(w.A, w.Mentor, Now.AddDays(1)), WebinarsData.Session(ofSecond, w.Mentor, Now.AddDays(2)),
            WebinarsData.Session(w.A2, w.Mentor, Now.AddDays(3)), WebinarsData.Session(w.Other, w.OtherMentor, Now.AddDays(4)),
        ]);
        var (ofA, ofSecondCourse, ofA2, ofOther) = (ids[0], ids[1], ids[2], ids[3]);
        async Task<int[]> Providers(IReadOnlyCollection<int>? also = null) =>
            (await repository.GetSessionListAsync(w.Provider, also ?? [], SessionList.Upcoming, WindowStart, Now, 0, 25, 100)).Sessions.Select(s => s.Session.Id).ToArray();
        async Task<int?> Counted() => (await repository.GetSessionListAsync(w.Provider, [], SessionList.Upcoming, WindowStart, Now, 0, 1, 100)).Counted;
        async Task<int> Changed(string sql, object parameters)
        {
            await using var connection = await Db.OpenAsync();
            return await connection.ExecuteAsync(sql, parameters);
        }

        var created = await Providers();
        var createdCount = await Counted();
        var cohortMovedRows = await Changed("UPDATE Cohorts SET CourseId = @otherCourse, Name = 'Moved' WHERE Id = @A", new { otherCourse, w.A });
        var cohortMoved = await Providers();
        var cohortMovedAddedById = await Providers([w.A]);
        var sessionMovedRows = await Changed("UPDATE WebinarSessions SET CohortId = @A2 WHERE Id = @ofOther", new { w.A2, ofOther });
        var sessionMoved = await Providers();

        Assert.Multiple(async () =>
        {
            Assert.That(created, Is.EqualTo(new[] { ofA, ofSecondCourse, ofA2 }), "every course of the provider, never another provider's");
            Assert.That(createdCount, Is.EqualTo(3));
            Assert.That((cohortMovedRows, sessionMovedRows), Is.EqualTo((1, 1)), "a statement still reports its own rows alone");
            Assert.That(cohortMoved, Is.EqualTo(new[] { ofSecondCourse, ofA2 }), "a cohort moved to another provider's course takes its sessions along");
            Assert.That(cohortMovedAddedById, Is.EqualTo(new[] { ofA, ofSecondCourse, ofA2 }), "read by id when the person reaches it otherwise");
            Assert.That(sessionMoved, Is.EqualTo(new[] { ofSecondCourse, ofA2, ofOther }), "a session moved to one of the provider's cohorts is the provider's");
            Assert.That(await Counted(), Is.EqualTo(3));
        });
    }
}
