using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CohortRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task Cohort_CreateAndUpdate_KeepsExtrasAndRefusesAStaleVersion()
    {
        var cohorts = new CohortRepository(Db);
        var facilitator = await NewUserAsync("facilitator");
        var cohort = NewCohort("Extras " + Guid.NewGuid().ToString("N")[..6], 30) with { DeliveryModel = DeliveryModel.Blended, OpenForApplications = false };
        var extras = new CohortExtras([facilitator], ["Riverside Academy hall"], [new CohortEventInput(new DateOnly(2027, 1, 15), "Residential day 1", "Riverside Academy hall")]);

        var id = await cohorts.CreateCohortAsync(cohort, extras);
        var read = (await cohorts.GetSummaryAsync(id))!;
        var readExtras = await cohorts.GetExtrasAsync(id);
        var saved = await cohorts.UpdateCohortAsync(read.Cohort with { Capacity = 31 }, readExtras with { Venues = ["Town hall"] });
        var stale = await cohorts.UpdateCohortAsync(read.Cohort with { Capacity = 32 }, readExtras);

        Assert.That(read.Cohort with { Id = 0, Version = 1 }, Is.EqualTo(cohort));
        Assert.That(readExtras.FacilitatorPeople.Single().UserId, Is.EqualTo(facilitator));
        Assert.That(readExtras.Events.Single().EventDate, Is.EqualTo(new DateOnly(2027, 1, 15)));
        Assert.That(saved, Is.True);
        Assert.That(stale, Is.False);
        Assert.That((await cohorts.GetSummaryAsync(id))!.Cohort.Capacity, Is.EqualTo(31));
        Assert.That((await cohorts.GetExtrasAsync(id)).Venues, Is.EqualTo(new[] { "Town hall" }));
        Assert.That((await cohorts.GetOpenPageAsync(OpenCohortFilter.All, new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), 0, 1000)).Rows.Select(c => c.Cohort.Id), Does.Not.Contain(id), "closed to applications");
    }

    [Test]
    public async Task GetOpen_CohortEndingToday_ListedUntilTheDateIsOverInItsOwnZone()
    {
        var cohorts = new CohortRepository(Db);
        var ends = new DateOnly(2031, 3, 10);
        var auckland = await cohorts.CreateCohortAsync(NewCohort("Auckland " + Guid.NewGuid().ToString("N")[..6], 10) with { EndDate = ends, TimeZone = "Pacific/Auckland" }, CohortExtras.None);
        var losAngeles = await cohorts.CreateCohortAsync(NewCohort("Los Angeles " + Guid.NewGuid().ToString("N")[..6], 10) with { EndDate = ends, TimeZone = "America/Los_Angeles" }, CohortExtras.None);

        async Task<int[]> OpenAt(DateTime nowUtc) =>
            (await cohorts.GetOpenPageAsync(OpenCohortFilter.All, nowUtc, 0, 1000)).Rows.Select(c => c.Cohort.Id).Where(id => id == auckland || id == losAngeles).ToArray();

        // Noon UTC on the 10th: already the 11th in Auckland. 03:00 UTC on the 11th: still the 10th in Los Angeles.
        Assert.That(await OpenAt(new DateTime(2031, 3, 10, 10, 0, 0, DateTimeKind.Utc)), Is.EquivalentTo(new[] { auckland, losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 10, 12, 0, 0, DateTimeKind.Utc)), Is.EqualTo(new[] { losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 11, 3, 0, 0, DateTimeKind.Utc)), Is.EqualTo(new[] { losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 11, 8, 0, 0, DateTimeKind.Utc)), Is.Empty);
    }

    [Test]
    public async Task GetOpenPage_PagesSoonestFirst_NarrowsByCourseDeliveryAndWhere_AndCountsTheMatches()
    {
        var cohorts = new CohortRepository(Db);
        var now = new DateTime(2040, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var identifier = $"npq-open-{tag}";
        var courseId = await new OrganisationRepository(Db).EnsureCourseAsync(new Course
        {
            ProviderId = ProviderId, Identifier = identifier, ShortCode = "NPQO", Name = $"Open {tag}", PricePence = 100_000,
        });
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await cohorts.CreateCohortAsync(NewCohort($"Open {tag} {i}", 10) with
            {
                CourseId = courseId,
                StartDate = new DateOnly(2041, 1, 1).AddDays(i), EndDate = new DateOnly(2042, 1, 1), OpenForApplications = true,
                DeliveryModel = i % 2 == 0 ? DeliveryModel.Online : DeliveryModel.Blended, IsInternational = i == 4,
            }, CohortExtras.None));
        }

        async Task<(int Total, int[] Ids)> Page(OpenCohortFilter filter, int skip, int take)
        {
            var (total, rows) = await cohorts.GetOpenPageAsync(filter with { Course = identifier }, now, skip, take);
            return (total, rows.Select(r => r.Cohort.Id).ToArray());
        }

        Assert.That(await Page(OpenCohortFilter.All, 0, 2), Is.EqualTo((5, new[] { ids[0], ids[1] })));
        Assert.That(await Page(OpenCohortFilter.All, 4, 2), Is.EqualTo((5, new[] { ids[4] })));
        Assert.That(await Page(new OpenCohortFilter(Delivery: DeliveryModel.Blended), 0, 10), Is.EqualTo((2, new[] { ids[1], ids[3] })));
        Assert.That(await Page(new OpenCohortFilter(International: true), 0, 10), Is.EqualTo((1, new[] { ids[4] })));
        Assert.That(await Page(new OpenCohortFilter(International: false, Delivery: DeliveryModel.Online), 0, 10), Is.EqualTo((2, new[] { ids[0], ids[2] })));
        Assert.That(await cohorts.GetOpenPageAsync(new OpenCohortFilter(Course: "no-such-course"), now, 0, 10), Is.EqualTo((0, Array.Empty<CohortSummary>())).Using<(int, IReadOnlyList<CohortSummary>)>((a, b) => a.Item1 == b.Item1 && a.Item2.Count == b.Item2.Count));
        Assert.That((await cohorts.GetOpenCoursesAsync(now)).Where(c => c.Identifier == identifier), Is.EqualTo(new[] { (identifier, $"Open {tag}") }));
    }

    [Test]
    public async Task GetOpen_EveryCourse_CountsWhatThePagesList_AndOffersOnlyCoursesWithAnOpenCohort()
    {
        var cohorts = new CohortRepository(Db);
        var organisations = new OrganisationRepository(Db);
        var now = new DateTime(2045, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task<int> CourseAsync(string what) => await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = ProviderId, Identifier = $"npq-{what}-{tag}", ShortCode = "NPQX", Name = $"{what} {tag}", PricePence = 0,
        });
        async Task CohortAsync(int course, string name, DateOnly ends, bool open) => await cohorts.CreateCohortAsync(
            NewCohort($"{name} {tag}", 10) with { CourseId = course, StartDate = ends.AddMonths(-10), EndDate = ends, OpenForApplications = open }, CohortExtras.None);

        await CohortAsync(await CourseAsync("open"), "Open", new DateOnly(2046, 7, 1), open: true);
        await CohortAsync(await CourseAsync("closed"), "Closed", new DateOnly(2046, 7, 1), open: false);
        await CohortAsync(await CourseAsync("ended"), "Ended", new DateOnly(2045, 5, 31), open: true);

        var (total, rows) = await cohorts.GetOpenPageAsync(OpenCohortFilter.All, now, 0, 10_000);
        var offered = (await cohorts.GetOpenCoursesAsync(now)).Select(c => c.Identifier).ToList();

        Assert.That(total, Is.EqualTo(rows.Count), "every open cohort counted, without a course asked for, as the pages list them");
        Assert.That(rows.Select(r => r.Cohort.Name), Has.Member($"Open {tag}").And.No.Member($"Closed {tag}").And.No.Member($"Ended {tag}"));
        Assert.That(offered, Has.Member($"npq-open-{tag}").And.No.Member($"npq-closed-{tag}").And.No.Member($"npq-ended-{tag}"));
        Assert.That(offered, Is.EquivalentTo(rows.Select(r => r.Course.Identifier).Distinct()), "the courses offered are those of the cohorts listed");
    }

    [Test]
    public async Task Choices_TheChosenAndTheNewestUpToTheLimit_SoonestFirst_OnlyTheProvidersOwn()
    {
        var cohorts = new CohortRepository(Db);
        var organisations = new OrganisationRepository(Db);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var provider = await organisations.EnsureProviderAsync($"Choices {tag}", Now);
        var courseId = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = provider, Identifier = $"npq-choices-{tag}", ShortCode = "NPQC", Name = $"Choices {tag}", PricePence = 100_000,
        });
        var ids = new List<int>();
        foreach (var i in new[] { 3, 0, 4, 1, 2 })
        {
            ids.Add(await cohorts.CreateCohortAsync(NewCohort($"Choices {tag} {i}", 10) with
            {
                CourseId = courseId, StartDate = new DateOnly(2041, 1, 1).AddDays(i), EndDate = new DateOnly(2042, 1, 1),
            }, CohortExtras.None));
        }

        var bySoonest = ids.Zip(new[] { 3, 0, 4, 1, 2 }).OrderBy(p => p.Second).Select(p => p.First).ToArray();
        var otherProvidersCohort = await NewCohortAsync(capacity: 5);
        async Task<(int[] Ids, bool More)> Choices(int? chosen, int limit)
        {
            var choices = await cohorts.GetChoicesAsync(provider, chosen, limit);
            return (choices.Cohorts.Select(c => c.Id).ToArray(), choices.More);
        }

        Assert.That(await Choices(null, 3), Is.EqualTo((bySoonest[2..], true)), "the three newest, soonest first");
        Assert.That(await Choices(bySoonest[0], 3), Is.EqualTo((new[] { bySoonest[0], bySoonest[3], bySoonest[4] }, true)), "the chosen one, however old, and the newest");
        Assert.That(await Choices(bySoonest[4], 3), Is.EqualTo((bySoonest[2..], true)), "chosen among the newest: listed once");
        Assert.That(await Choices(null, 5), Is.EqualTo((bySoonest, false)), "exactly the limit: none left out");
        Assert.That(await Choices(bySoonest[1], 5), Is.EqualTo((bySoonest, false)));
        Assert.That(await Choices(otherProvidersCohort, 5), Is.EqualTo((bySoonest, false)), "another provider's cohort, even chosen, never");
        Assert.That((await cohorts.GetChoicesAsync(provider, null, 1)).Cohorts.Single(), Is.EqualTo(new CohortChoice(bySoonest[4], "NPQC", $"Choices {tag} 4")));
        Assert.That((await cohorts.GetChoicesAsync(provider + 1000, null, 5)).Cohorts, Is.Empty);
    }

    [Test]
    public async Task Summary_CountsEnrolledButNotWithdrawnAndWaitingAndPendingApplications()
    {
        var cohortId = await NewCohortAsync(capacity: 3);
        var applications = new ApplicationRepository(Db);
        var enrolled = await EnrolAsync(cohortId, await NewUserAsync("enrolled"));
        var withdrawn = await EnrolAsync(cohortId, await NewUserAsync("withdrawn"));
        await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(withdrawn.Id, withdrawn.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "started-in-error"), AdminId, Now);
        await applications.MoveToWaitingListAsync(await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("waiting"))), AdminId, Now);
        await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("pending")));

        var summary = (await new CohortRepository(Db).GetSummaryAsync(cohortId))!;

        Assert.That(enrolled.TrainingStatus, Is.EqualTo(TrainingStatus.Active));
        Assert.That((summary.Enrolled, summary.Waiting, summary.Pending), Is.EqualTo((1, 1, 1)));
        Assert.That(summary.PlacesText, Is.EqualTo("2 of 3 places remain"));
        Assert.That(summary.Course.Id, Is.EqualTo(CourseId));
        Assert.That(summary.Course.ProviderId, Is.EqualTo(ProviderId));
        Assert.That(summary.Course.ShortCode, Is.EqualTo("NPQSL"));
        Assert.That(summary.DeliveryPartnerName, Is.Null);
        Assert.That((await new CohortRepository(Db).GetSummariesAsync(ProviderId)).Select(c => c.Cohort.Id), Does.Contain(cohortId));
        Assert.That(await new CohortRepository(Db).GetSummariesAsync(ProviderId + 1000), Is.Empty, "another provider sees none of it");
    }

    [Test]
    public async Task Courses_CreateUpdateAndIdentifierTaken_ArePerProvider()
    {
        var cohorts = new CohortRepository(Db);
        var course = new Course
        {
            ProviderId = ProviderId, Identifier = "npq-headship", ShortCode = "NPQH", Name = "Headship", FrameworkCode = "npqh", PricePence = 160_000,
            IsLeadership = true, HasAssessment = true,
        };

        var id = await cohorts.CreateCourseAsync(course);
        var saved = await cohorts.UpdateCourseAsync(course with { Id = id, Name = "NPQ for Headship", PricePence = 165_000 });
        var otherProviders = await cohorts.UpdateCourseAsync(course with { Id = id, ProviderId = ProviderId + 1000, Name = "Taken over" });

        Assert.That(saved, Is.True);
        Assert.That(otherProviders, Is.False, "a course is changed only by its own provider");
        Assert.That(await cohorts.GetCourseAsync(ProviderId, id), Is.EqualTo(course with { Id = id, Name = "NPQ for Headship", PricePence = 165_000 }));
        Assert.That(await cohorts.GetCourseAsync(ProviderId + 1000, id), Is.Null);
        Assert.That((await cohorts.GetCoursesAsync(ProviderId)).Select(c => c.Id), Does.Contain(id));
        Assert.That(await cohorts.CourseIdentifierTakenAsync(ProviderId, "npq-headship", 0), Is.True);
        Assert.That(await cohorts.CourseIdentifierTakenAsync(ProviderId, "npq-headship", id), Is.False, "a course does not clash with itself");
        Assert.That(await cohorts.CourseIdentifierTakenAsync(ProviderId + 1000, "npq-headship", 0), Is.False);
    }

    [Test]
    public async Task CohortNameTakenAndDeliveryPartners_AnswerForTheCourseAndProvider()
    {
        var cohorts = new CohortRepository(Db);
        var name = "Named " + Guid.NewGuid().ToString("N")[..6];
        var id = await cohorts.CreateCohortAsync(NewCohort(name, 10), CohortExtras.None);
        var partner = await new OrganisationRepository(Db).EnsureDeliveryPartnerAsync(ProviderId, "Partner " + name);

        Assert.That(await cohorts.CohortNameTakenAsync(CourseId, name, 0), Is.True);
        Assert.That(await cohorts.CohortNameTakenAsync(CourseId, name, id), Is.False);
        Assert.That((await cohorts.GetDeliveryPartnersAsync(ProviderId)).Single(p => p.UserId == partner).DisplayName, Is.EqualTo("Partner " + name));
        Assert.That(await cohorts.GetDeliveryPartnersAsync(ProviderId + 1000), Is.Empty);
    }
}
