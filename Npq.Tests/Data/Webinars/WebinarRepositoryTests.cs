using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Webinars;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class WebinarRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static DateTime Now => WebinarsData.Now;

    private Task<(int CohortId, int Candidate, int Mentor)> ArrangeAsync() => WebinarsData.CohortAsync(Db);

    private static WebinarSession Session(int cohortId, int mentor, DateTime start) => WebinarsData.Session(cohortId, mentor, start);

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
    public async Task Cohorts_RosterFacilitatorsAndEnrolments_ReadIntoTheirRecords()
    {
        var (cohortId, candidate, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);

        var cohort = (await repository.GetCohortAsync(cohortId))!;
        Assert.That((cohort.Name, cohort.TimeZone, cohort.FrameworkCode, cohort.AttendanceThresholdPercent), Is.EqualTo(("Dubai", "Asia/Dubai", "npqsl", 75)));
        Assert.That(await repository.GetCohortAsync(-1), Is.Null);
        var member = (await repository.GetRosterAsync(cohortId)).Single();
        Assert.That((member.UserId, member.DisplayName), Is.EqualTo((candidate, "Amira")));
        Assert.That(member.Email, Does.EndWith("@repo.example"));
        var (firstPage, total) = await repository.GetRosterPageAsync(cohortId, skip: 0, take: 25);
        Assert.That((firstPage.Single(), total), Is.EqualTo((member, 1)), "a page of the roster, with the cohort's total");
        var (pastTheEnd, stillTotal) = await repository.GetRosterPageAsync(cohortId, skip: 1, take: 25);
        Assert.That((pastTheEnd.Count, stillTotal), Is.EqualTo((0, 1)));
        Assert.That((await repository.GetFacilitatorChoicesAsync(cohortId, [], 50)).Select(f => f.UserId), Is.EqualTo(new[] { mentor }));
        Assert.That(await repository.GetEnrolledCohortIdsAsync(candidate), Is.EqualTo(new[] { cohortId }));
        Assert.That(await repository.GetEnrolledCohortIdsAsync(mentor), Is.Empty);
        var enrolment = (await repository.GetEnrolmentsOfAsync(candidate)).Single();
        Assert.That((enrolment.CandidateUserId, enrolment.DisplayName, enrolment.CohortId, enrolment.CohortName), Is.EqualTo((candidate, "Amira", cohortId, "Dubai")));
        var (mentees, menteeLines) = await repository.GetMenteesPageAsync(mentor, 0, 25);
        Assert.That((mentees.Single().CandidateUserId, menteeLines), Is.EqualTo((candidate, 1)));

        await repository.SetAttendanceThresholdAsync(cohortId, 80);
        Assert.That((await repository.GetCohortAsync(cohortId))!.AttendanceThresholdPercent, Is.EqualTo(80));
    }

    /// <summary>
    /// The attendance page's mentees and school lists, a page at a time: one line per enrolment, by the candidate's
    /// name, then the cohort; each with the list's number of lines; nobody from another school or another mentor.
    /// </summary>
    [Test]
    public async Task MenteesAndSchoolCandidates_APageByNameWithTheListsTotal()
    {
        var (cohortId, amira, mentor) = await ArrangeAsync();
        var (otherCohortId, stranger, otherMentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var organisations = new OrganisationRepository(Db);
        var users = new UserRepository(Db);
        var enrolments = new EnrolmentRepository(Db);
        var providerId = (await repository.GetCohortAsync(cohortId))!.ProviderId;
        var school = await organisations.EnsureSchoolAsync($"School {Guid.NewGuid():N}", "England", "Europe/London");
        var otherSchool = await organisations.EnsureSchoolAsync($"School {Guid.NewGuid():N}", "England", "Europe/London");
        async Task<int> Person(string name, string role, int? schoolId)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, SchoolId = schoolId, CreatedUtc = WebinarsData.Now };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user.Id, role);
            return user.Id;
        }

        var head = await Person("Head", Roles.Headteacher, school);
        var noSchoolHead = await Person("Head without a school", Roles.Headteacher, null);
        var ben = await Person("Ben", Roles.Candidate, school);
        var cara = await Person("Cara", Roles.Candidate, school);
        var elsewhere = await Person("Abe", Roles.Candidate, otherSchool);
        await enrolments.EnsureAsync(cohortId, ben, mentor, WebinarsData.Now);
        await enrolments.EnsureAsync(otherCohortId, ben, mentor, WebinarsData.Now);
        await enrolments.EnsureAsync(cohortId, cara, otherMentor, WebinarsData.Now);
        await enrolments.EnsureAsync(cohortId, elsewhere, mentor, WebinarsData.Now);
        var ada = await Person("Ada", Roles.Candidate, school);
        await enrolments.EnsureAsync(otherCohortId, ada, otherMentor, WebinarsData.Now);
        static (int, int)[] Lines(IReadOnlyList<EnrolledPerson> people) => people.Select(p => (p.CandidateUserId, p.CohortId)).ToArray();
        var benCohorts = new[] { cohortId, otherCohortId }.Order().ToArray();

        var (mentees, menteeLines) = await repository.GetMenteesPageAsync(mentor, 0, 25);
        Assert.That((Lines(mentees), menteeLines), Is.EqualTo((new[] { (elsewhere, cohortId), (amira, cohortId), (ben, benCohorts[0]), (ben, benCohorts[1]) }, 4)),
            "Abe, Amira, then Ben on each of his cohorts; never Cara (another mentor's)");
        var (second, stillFour) = await repository.GetMenteesPageAsync(mentor, 2, 2);
        Assert.That((Lines(second), stillFour), Is.EqualTo((new[] { (ben, benCohorts[0]), (ben, benCohorts[1]) }, 4)));
        var (past, counted) = await repository.GetMenteesPageAsync(mentor, 4, 2);
        Assert.That((past.Count, counted), Is.EqualTo((0, 4)), "past the end: no lines, the total still counted");
        var (nobody, noMentees) = await repository.GetMenteesPageAsync(stranger, 0, 25);
        Assert.That((nobody.Count, noMentees), Is.EqualTo((0, 0)), "a candidate mentors nobody");

        var (pupils, schoolLines) = await repository.GetSchoolCandidatesPageAsync(head, 0, 2);
        Assert.That((Lines(pupils), schoolLines), Is.EqualTo((new[] { (ada, otherCohortId), (ben, benCohorts[0]) }, 4)), "a full first page: the total is counted");
        var (rest, _) = await repository.GetSchoolCandidatesPageAsync(head, 2, 25);
        Assert.That(Lines(rest), Is.EqualTo(new[] { (ben, benCohorts[1]), (cara, cohortId) }), "never Abe, from another school");
        var (none, noLines) = await repository.GetSchoolCandidatesPageAsync(noSchoolHead, 0, 25);
        Assert.That((none.Count, noLines), Is.EqualTo((0, 0)), "a headteacher with no school has nobody's");
    }

    /// <summary>
    /// The sessions page's lists read each session as a card shows it: every field of <see cref="SessionSummary"/> as the
    /// whole session has it, and the facilitator's name only for a facilitator who may be named (an active mentor or
    /// admin, as <see cref="WebinarRepository.GetFacilitatorNamesAsync"/> gives names), by cohort or by provider, and a
    /// provider's with each session's cohort (<see cref="ListedSessionReader"/> reads them by position).
    /// </summary>
    [Test]
    public async Task ListedSessions_AreTheWholeSessionsSummaries_WithTheNamesOfFacilitatorsWhoMayBeNamed()
    {
        var (cohortId, candidate, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var ids = await repository.CreateSessionsAsync(
        [
            Session(cohortId, mentor, Now.AddDays(1)),
            Session(cohortId, mentor, Now.AddDays(2)) with { FacilitatorUserId = candidate },
            Session(cohortId, mentor, Now.AddDays(3)) with { FacilitatorUserId = null, JoinUrl = null, Venue = "Dubai office", Status = SessionStatus.Cancelled },
            Session(cohortId, mentor, Now.AddDays(-1)) with { RecordingUrl = "https://video.example/r" },
        ]);
        static object Fields(SessionSummary s) =>
            (s.Id, s.CohortId, s.Title, s.StartUtc, s.StartUtc.Kind, s.DurationMinutes, s.FacilitatorUserId, s.JoinUrl, s.Venue, s.Status, s.RecordingUrl);
        var whole = new List<object>();
        foreach (var id in new[] { ids[3], ids[0], ids[1], ids[2] })
        {
            whole.Add(Fields((await repository.GetSessionAsync(id))!));
        }

        var providerId = (await repository.GetCohortAsync(cohortId))!.ProviderId;
        async Task<IReadOnlyList<ListedSession>> Lists(int? provider)
        {
            // A person's (or a provider's) past list, latest first, and then the upcoming one: every session in start order.
            var windowStart = Now.AddMinutes(-SessionQueries.LongestSessionMinutes);
            var past = await repository.GetSessionListAsync(provider, provider is null ? [cohortId] : [], SessionList.Past, windowStart, Now, 0, 25, 100);
            var upcoming = await repository.GetSessionListAsync(provider, provider is null ? [cohortId] : [], SessionList.Upcoming, windowStart, Now, 0, 25, 100);
            return [.. past.Sessions.Reverse(), .. upcoming.Sessions];
        }

        foreach (var listed in new[]
                 {
                     await repository.GetSessionsForCohortsAsync([cohortId], null, null, false, 0, 25),
                     await Lists(null),
                     await Lists(providerId),
                 })
        {
            Assert.That(listed.Select(l => Fields(l.Session)), Is.EqualTo(whole), "each field as the whole session has it, in start order");
            Assert.That(listed.Select(l => l.FacilitatorName), Is.EqualTo(new[] { "Priya", "Priya", null, null }),
                "the mentor named; a candidate named facilitator and no facilitator give no name");
        }

        var cohort = await repository.GetCohortAsync(cohortId);
        Assert.That((await Lists(providerId)).Select(l => l.Cohort), Is.All.EqualTo(cohort), "a provider's list carries each session's cohort, every field as read alone");
        Assert.That((await Lists(null)).Select(l => l.Cohort), Is.All.Null, "a person's list reads no cohort");
    }

    /// <summary>
    /// Whether a facilitator may be named is kept on the person (migration 0061) and follows their roles as they change:
    /// the lists, the names and the choices stop naming a mentor who loses the role and name them again as an admin;
    /// a role renamed away from mentor takes the name away from those who hold it.
    /// </summary>
    [Test]
    public async Task FacilitatorsName_FollowsTheirRolesAsTheyChange()
    {
        var (cohortId, _, mentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var users = new UserRepository(Db);
        await repository.CreateSessionsAsync([Session(cohortId, mentor, Now.AddDays(1))]);
        var providerId = (await repository.GetCohortAsync(cohortId))!.ProviderId;
        async Task<(string? ByCohort, string? ByProvider, int Names, int Choices)> Named()
        {
            var windowStart = Now.AddMinutes(-SessionQueries.LongestSessionMinutes);
            var byCohort = await repository.GetSessionListAsync(null, [cohortId], SessionList.Upcoming, windowStart, Now, 0, 25, 100);
            var byProvider = await repository.GetSessionListAsync(providerId, [], SessionList.Upcoming, windowStart, Now, 0, 25, 100);
            return (byCohort.Sessions.Single().FacilitatorName, byProvider.Sessions.Single().FacilitatorName,
                (await repository.GetFacilitatorNamesAsync([mentor])).Count, (await repository.GetFacilitatorChoicesAsync(cohortId, [mentor], 50)).Count);
        }

        Assert.That(await Named(), Is.EqualTo(("Priya", "Priya", 1, 1)), "a mentor");
        await users.RemoveFromRoleAsync(mentor, Roles.Mentor);
        Assert.That(await Named(), Is.EqualTo(((string?)null, (string?)null, 0, 0)), "no longer a mentor");
        await users.AddToRoleAsync(mentor, Roles.Candidate);
        Assert.That(await Named(), Is.EqualTo(((string?)null, (string?)null, 0, 0)), "a candidate only");
        await users.AddToRoleAsync(mentor, Roles.ProviderAdmin);
        Assert.That(await Named(), Is.EqualTo(("Priya", "Priya", 1, 1)), "an admin");
        await users.RemoveFromRoleAsync(mentor, Roles.ProviderAdmin);
        await users.AddToRoleAsync(mentor, Roles.Mentor);
        Assert.That(await Named(), Is.EqualTo(("Priya", "Priya", 1, 1)), "a mentor again");

        await using (var connection = await Db.OpenForWriteAsync())
        {
            await connection.ExecuteAsync("UPDATE Roles SET NormalizedName = 'FORMER-MENTOR' WHERE NormalizedName = 'MENTOR'");
        }

        try
        {
            Assert.That(await Named(), Is.EqualTo(((string?)null, (string?)null, 0, 0)), "the role renamed away from mentor");
        }
        finally
        {
            await using var connection = await Db.OpenForWriteAsync();
            await connection.ExecuteAsync("UPDATE Roles SET NormalizedName = 'MENTOR' WHERE NormalizedName = 'FORMER-MENTOR'");
        }

        Assert.That(await Named(), Is.EqualTo(("Priya", "Priya", 1, 1)), "the role named mentor again");
    }

    /// <summary>
    /// The sessions page's range reads (issue 23): each end of the range open or closed, both orders, paging and the
    /// count, the same whether the cohorts go as one parameter each (a few) or as one JSON array (more than
    /// <see cref="WebinarRepository.MostCohortsAsParameters"/>, padded here with ids of no cohort); other cohorts' sessions never.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task SessionsForCohorts_RangesOpenOrClosed_PagedInStartOrder_WithTheirCount(bool manyCohorts)
    {
        var (a, _, mentor) = await ArrangeAsync();
        var (b, _, _) = await ArrangeAsync();
        var (other, _, _) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var ids = await repository.CreateSessionsAsync(
        [
            Session(a, mentor, Now.AddDays(-3)), Session(a, mentor, Now.AddHours(-1)), Session(a, mentor, Now.AddDays(1)), Session(a, mentor, Now.AddDays(2)),
            Session(b, mentor, Now.AddDays(-2)), Session(b, mentor, Now.AddDays(1)), Session(b, mentor, Now.AddDays(5)),
            Session(other, mentor, Now.AddDays(1)), Session(other, mentor, Now.AddHours(-1)),
        ]);
        var (aOld, aRecent, aTomorrow, aLater, bOld, bTomorrow, bLater) = (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]);
        IReadOnlyCollection<int> cohorts = manyCohorts
            ? [a, b, .. Enumerable.Range(1, WebinarRepository.MostCohortsAsParameters).Select(i => -i)]
            : [a, b];

        async Task<int[]> Read(DateTime? from, DateTime? before, bool newestFirst, int skip, int take) =>
            (await repository.GetSessionsForCohortsAsync(cohorts, from, before, newestFirst, skip, take)).Select(s => s.Session.Id).ToArray();

        Assert.That(await Read(Now, null, false, 0, 2), Is.EqualTo(new[] { aTomorrow, bTomorrow }), "to come, soonest first, the same start by id");
        Assert.That(await Read(Now, null, false, 2, 25), Is.EqualTo(new[] { aLater, bLater }), "the next page");
        Assert.That(await Read(Now, null, false, 4, 25), Is.Empty, "past the end");
        Assert.That(await repository.CountSessionsForCohortsAsync(cohorts, Now, null), Is.EqualTo(4));
        Assert.That(await Read(null, Now, true, 0, 2), Is.EqualTo(new[] { aRecent, bOld }), "started before now, latest first");
        Assert.That(await Read(null, Now.AddHours(-8), true, 0, 25), Is.EqualTo(new[] { bOld, aOld }), "started before the recent hours");
        Assert.That(await Read(Now.AddHours(-8), Now, false, 0, int.MaxValue), Is.EqualTo(new[] { aRecent }), "both ends closed");
        Assert.That(await repository.CountSessionsForCohortsAsync(cohorts, Now.AddHours(-8), Now), Is.EqualTo(1));
        Assert.That(await repository.CountSessionsForCohortsAsync(cohorts, null, null), Is.EqualTo(7), "both ends open: every session of the two cohorts");
        Assert.That(await Read(null, null, false, 0, 25), Is.EqualTo(new[] { aOld, bOld, aRecent, aTomorrow, bTomorrow, aLater, bLater }));
        Assert.That(await Read(Now, null, false, 0, 0), Is.Empty, "nothing asked");
        Assert.That(await repository.GetSessionsForCohortsAsync([], null, null, false, 0, 25), Is.Empty);
        Assert.That(await repository.CountSessionsForCohortsAsync([], null, null), Is.Zero);

        IReadOnlyCollection<int> people = manyCohorts ? [mentor, .. Enumerable.Range(1, WebinarRepository.MostCohortsAsParameters).Select(i => -i)] : [mentor];
        Assert.That((await repository.GetFacilitatorNamesAsync(people)).Select(n => (n.UserId, n.DisplayName)), Is.EqualTo(new[] { (mentor, "Priya") }),
            "the facilitators' names, however many people are asked about");
    }

    [Test]
    public async Task FacilitatorChoices_ThePeopleCloseToTheCohortWhoMayFacilitate_NamedFirstThenByName_Capped()
    {
        var (cohortId, candidate, priya) = await ArrangeAsync();
        var (otherCohort, _, otherProvidersMentor) = await ArrangeAsync();
        var repository = new WebinarRepository(Db);
        var providerId = (await repository.GetCohortAsync(cohortId))!.ProviderId;
        var users = new UserRepository(Db);
        async Task<int> Person(string name, string role, bool active = true)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, IsActive = active, CreatedUtc = Now };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user.Id, role);
            return user.Id;
        }

        var bea = await Person("Bea", Roles.Mentor);        // facilitates one of the cohort's sessions
        var carl = await Person("Carl", Roles.ProviderAdmin); // the provider's admin
        var dan = await Person("Dan", Roles.Mentor);        // a mentor of the provider with nothing to do with the cohort
        var eve = await Person("Eve", Roles.Mentor, active: false); // facilitated a session, no longer active
        await repository.CreateSessionsAsync([Session(cohortId, bea, Now.AddDays(1)), Session(cohortId, eve, Now.AddDays(2)), Session(otherCohort, dan, Now.AddDays(3))]);

        Assert.That((await repository.GetFacilitatorChoicesAsync(cohortId, [], 50)).Select(f => f.DisplayName), Is.EqualTo(new[] { "Bea", "Carl", "Priya" }),
            "the cohort's session facilitators, mentors and the provider's admins; not Dan, not the inactive Eve, not the candidate");
        Assert.That((await repository.GetFacilitatorChoicesAsync(cohortId, [dan, candidate, otherProvidersMentor, eve], 50)).Select(f => f.UserId),
            Is.EqualTo(new[] { dan, bea, carl, priya }), "a named person who may facilitate comes first; a candidate, another provider's mentor and an inactive one never");
        Assert.That((await repository.GetFacilitatorChoicesAsync(cohortId, [dan], 2)).Select(f => f.UserId), Is.EqualTo(new[] { dan, bea }), "capped, the named person kept");
        var first = (await repository.GetFacilitatorChoicesAsync(cohortId, [], 1)).Single();
        Assert.That((first.UserId, first.DisplayName), Is.EqualTo((bea, "Bea")));
        Assert.That(first.Email, Does.EndWith("@repo.example"));
    }
}
