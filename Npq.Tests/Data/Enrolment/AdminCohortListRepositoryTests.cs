using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Dfe;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;
using Npq.Data.Webinars;

namespace Npq.Tests.Data.Enrolment;

/// <summary>
/// Issue 23: the pages of a provider's cohorts the admin's lists read (cadences, outcomes, dashboards, DfE sync,
/// attendance) — how many in all, the page asked for in the lists' own order, and nothing of another provider.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class AdminCohortListRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private readonly List<int> _soonestFirst = [];
    private int _otherProviderCohort;

    [OneTimeSetUp]
    public async Task Cohorts()
    {
        var cohorts = new CohortRepository(Db);

        // Created out of order: the lists order by start date, then name, then id.
        var starts = new[] { 5, 1, 4, 2, 3, 0, 6 };
        var created = new List<(int Id, int Start)>();
        foreach (var start in starts)
        {
            var cohort = NewCohort($"Cohort {start}", 10) with { StartDate = new DateOnly(2026, 9, 1).AddMonths(start), StartYear = 2026 + (start / 3) };
            created.Add((await cohorts.CreateCohortAsync(cohort, CohortExtras.None), start));
        }

        _soonestFirst.AddRange(created.OrderBy(c => c.Start).Select(c => c.Id));

        var organisations = new OrganisationRepository(Db);
        var otherProvider = await organisations.EnsureProviderAsync("Another provider " + Guid.NewGuid().ToString("N")[..6], Now);
        var otherCourse = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = otherProvider, Identifier = "npq-headship", ShortCode = "NPQH", Name = "Headship", PricePence = 100_000,
        });
        _otherProviderCohort = await cohorts.CreateCohortAsync(NewCohort("Theirs", 10) with { CourseId = otherCourse, StartDate = new DateOnly(2020, 1, 1) }, CohortExtras.None);
        var tasks = new TaskRepository(Db);
        foreach (var course in new[] { CourseId, otherCourse })
        {
            await tasks.CreateTaskAsync(new AssessmentTask { CourseId = course, Title = "Final", Instructions = "Write.", Kind = TaskKind.Final, WordLimit = 1000, MaxAttempts = 1, CreatedUtc = Now });
        }
    }

    [Test]
    public async Task CadencesPage_SoonestFirstWithEachCohortsCadenceOrTheDefault()
    {
        var progress = new ProgressRepository(Db);
        await progress.SetCadenceWeeksAsync(_soonestFirst[3], 9);
        await progress.SetCadenceWeeksAsync(_otherProviderCohort, 2);

        var (total, first) = await progress.GetCadencesPageAsync(ProviderId, 0, 3);
        var (_, second) = await progress.GetCadencesPageAsync(ProviderId, 3, 3);
        var (_, past) = await progress.GetCadencesPageAsync(ProviderId, 30, 3);

        Assert.That(total, Is.EqualTo(7));
        Assert.That(first.Select(c => c.Cohort.Id), Is.EqualTo(_soonestFirst.Take(3)));
        Assert.That(second.Select(c => (c.Cohort.Id, c.EveryWeeks)), Is.EqualTo(new[]
        {
            (_soonestFirst[3], 9), (_soonestFirst[4], ProgressSchedule.DefaultEveryWeeks), (_soonestFirst[5], ProgressSchedule.DefaultEveryWeeks),
        }));
        Assert.That(second[0].Cohort.Name, Is.EqualTo("Cohort 3"), "the whole cohort is read");
        Assert.That(past, Is.Empty);
        Assert.That(await progress.IsCohortOfProviderAsync(_soonestFirst[0], ProviderId), Is.True);
        Assert.That(await progress.IsCohortOfProviderAsync(_otherProviderCohort, ProviderId), Is.False, "another provider's cohort");
    }

    [Test]
    public async Task OutcomesPage_TheAdminsProvidersCohortsWithAFinalAssessment()
    {
        var (total, rows) = await new MarkingRepository(Db).GetCohortsPageForAdminAsync(AdminId, 2, 4);

        Assert.That(total, Is.EqualTo(7));
        Assert.That(rows.Select(c => c.Id), Is.EqualTo(_soonestFirst.Skip(2).Take(4)));
        Assert.That(rows[0].CourseCode, Is.EqualTo("NPQSL"));
    }

    [Test]
    public async Task DashboardsPage_ByCourseThenSoonestFirst()
    {
        var (total, rows) = await new ReportLookupRepository(Db).GetProviderCohortsPageAsync(ProviderId, 5, 25);
        var all = await new ReportLookupRepository(Db).GetCohortsAsync(ReportScope.ForProvider(ProviderId));

        Assert.That(total, Is.EqualTo(7));
        Assert.That(rows.Select(c => c.CohortId), Is.EqualTo(_soonestFirst.Skip(5)));
        Assert.That(rows, Is.EqualTo(all.Skip(5)), "the same rows as the unpaged list");
    }

    [Test]
    public async Task DashboardsPage_TwoCoursesOfOneName_EachKeepsItsCohortsTogether()
    {
        var organisations = new OrganisationRepository(Db);
        var cohorts = new CohortRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Two of a name " + Guid.NewGuid().ToString("N")[..6], Now);
        async Task<int> CourseAsync(string identifier, string name) => await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = provider, Identifier = identifier, ShortCode = identifier.ToUpperInvariant(), Name = name, PricePence = 0,
        });
        async Task<int> CohortAsync(int course, string name, int month) =>
            await cohorts.CreateCohortAsync(NewCohort(name, 10) with { CourseId = course, StartDate = new DateOnly(2027, month, 1) }, CohortExtras.None);

        var first = await CourseAsync("npq-one", "Leading");
        var second = await CourseAsync("npq-two", "Leading");
        var alpha = await CourseAsync("npq-alpha", "Alpha");
        // Their start dates interleave: by date alone the two courses' cohorts would alternate.
        var expected = new[]
        {
            await CohortAsync(alpha, "A", 6), await CohortAsync(first, "One early", 1), await CohortAsync(first, "One late", 3),
            await CohortAsync(second, "Two early", 2), await CohortAsync(second, "Two late", 4),
        };
        var lookups = new ReportLookupRepository(Db);

        var (total, page) = await lookups.GetProviderCohortsPageAsync(provider, 0, 25);
        var (_, middle) = await lookups.GetProviderCohortsPageAsync(provider, 2, 2);

        Assert.That(total, Is.EqualTo(5));
        Assert.That(page.Select(c => c.CohortId), Is.EqualTo(expected), "by course name, then course, then soonest first");
        Assert.That(middle.Select(c => c.CohortId), Is.EqualTo(expected.Skip(2).Take(2)));
        Assert.That(await lookups.GetCohortsAsync(ReportScope.ForProvider(provider)), Is.EqualTo(page), "the unpaged list in the same order");
    }

    [Test]
    public async Task DfeCohortsPage_NewestDfeYearFirstAsTheUnpagedList()
    {
        var mirror = new DfeMirrorRepository(Db);
        var all = await mirror.GetCohortsAsync(ProviderId);

        var (total, first) = await mirror.GetCohortsPageAsync(ProviderId, 0, 4);
        var (_, second) = await mirror.GetCohortsPageAsync(ProviderId, 4, 4);

        Assert.That(total, Is.EqualTo(7));
        Assert.That(first.Concat(second), Is.EqualTo(all));
        Assert.That(first[0].StartYear, Is.EqualTo(2028), "the newest DfE cohort year first");
        Assert.That(all.Select(c => c.CohortId), Does.Not.Contain(_otherProviderCohort));
    }

    [Test]
    public async Task OneCohortOfTheProvider_ReadAloneAndNeverAnotherProvidersCohort()
    {
        var lookups = new ReportLookupRepository(Db);
        var mirror = new DfeMirrorRepository(Db);

        Assert.That((await lookups.GetProviderCohortAsync(ProviderId, _soonestFirst[2]))!.CohortName, Is.EqualTo("Cohort 2"));
        Assert.That(await lookups.GetProviderCohortAsync(ProviderId, _otherProviderCohort), Is.Null);
        Assert.That(await mirror.GetCohortAsync(ProviderId, _soonestFirst[2]), Is.EqualTo((await mirror.GetCohortsAsync(ProviderId)).Single(c => c.CohortId == _soonestFirst[2])));
        Assert.That(await mirror.GetCohortAsync(ProviderId, _otherProviderCohort), Is.Null);
    }

    [Test]
    public async Task ManagedCohortsPage_AnAdminRunsTheProvidersCohortsAMentorThoseTheyMentorOn()
    {
        var webinars = new WebinarRepository(Db);
        var mentor = await NewUserAsync("mentor");
        var candidate = await NewUserAsync("candidate");
        var enrolment = await EnrolAsync(_soonestFirst[4], candidate);
        await new EnrolmentLifecycleRepository(Db).AssignMentorAsync(_soonestFirst[4], [enrolment.Id], mentor, AdminId, Now);

        var (adminTotal, adminPage) = await webinars.GetManagedCohortsPageAsync(AdminId, isProviderAdmin: true, isMentor: false, 1, 3);
        var (notAdminTotal, _) = await webinars.GetManagedCohortsPageAsync(AdminId, isProviderAdmin: false, isMentor: false, 0, 3);
        var (mentorTotal, mentorPage) = await webinars.GetManagedCohortsPageAsync(mentor, isProviderAdmin: false, isMentor: true, 0, 25);
        var (notMentorTotal, _) = await webinars.GetManagedCohortsPageAsync(mentor, isProviderAdmin: false, isMentor: false, 0, 25);
        var (candidateTotal, _) = await webinars.GetManagedCohortsPageAsync(candidate, isProviderAdmin: false, isMentor: true, 0, 25);

        Assert.That(adminTotal, Is.EqualTo(7));
        Assert.That(adminPage.Select(r => (r.Cohort.Id, r.IsAdmin, r.IsFacilitator, r.IsEnrolled)),
            Is.EqualTo(_soonestFirst.Skip(1).Take(3).Select(id => (id, true, false, false))));
        Assert.That(notAdminTotal, Is.Zero, "without the admin role, nothing");
        Assert.That((mentorTotal, mentorPage.Single().Cohort.Id, mentorPage.Single().IsFacilitator, mentorPage.Single().IsAdmin),
            Is.EqualTo((1, _soonestFirst[4], true, false)));
        Assert.That((notMentorTotal, candidateTotal), Is.EqualTo((0, 0)), "without the mentor role, or enrolled only, nothing");
    }
}
