using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// The placement repository's contract, on every provider: a candidate's places as they, their mentor, their
/// headteacher and their provider's admins see them, withdrawn places left out.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class PlacementRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly Lazy<Npq.Core.Frameworks.IFrameworkCatalog> Catalog =
        new(() => Npq.Web.Features.Frameworks.FrameworkLoader.Load(Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

    /// <summary>A headteacher's school page (its candidates read with what the page shows of them).</summary>
    private SchoolPageRepository Schools() => new(Db, Catalog.Value);

    private static readonly DateTime Now = new(2026, 11, 10, 9, 30, 0, DateTimeKind.Utc);
    private int _cohort;
    private int _course;
    private int _candidate;
    private int _withdrawn;
    private int _mentor;
    private int _head;
    private int _admin;
    private int _otherAdmin;

    [OneTimeSetUp]
    public async Task CreatePlaces()
    {
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Placement Provider", Now);
        var otherProvider = await organisations.EnsureProviderAsync("Other Provider", Now);
        var school = await organisations.EnsureSchoolAsync("Placement School", "United Arab Emirates", "Asia/Dubai");
        _course = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-placement", ShortCode = "PL", Name = "Placement course", FrameworkCode = "npqsl" });
        _cohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = _course, Name = "Dubai", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Asia/Dubai", Capacity = 10,
        });
        var users = new UserRepository(Db);
        async Task<int> Person(string name, int? schoolId = null, int? providerId = null) => await users.CreateAsync(new AppUser
        {
            Email = $"{name}@pl", NormalizedEmail = $"{name.ToUpperInvariant()}@PL", DisplayName = name, CreatedUtc = Now, SchoolId = schoolId, ProviderId = providerId,
        });
        _candidate = await Person("Cand", school);
        _withdrawn = await Person("Gone", school);
        _mentor = await Person("Ment");
        _head = await Person("Head", school);
        _admin = await Person("Admin", providerId: provider);
        _otherAdmin = await Person("Other", providerId: otherProvider);
        var enrolments = new EnrolmentRepository(Db);
        await enrolments.EnsureAsync(_cohort, _candidate, _mentor, Now);
        var gone = await enrolments.EnsureAsync(_cohort, _withdrawn, _mentor, Now);
        var enrolment = await enrolments.GetAsync(gone);
        await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(gone, enrolment!.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "change-in-career"), _admin, Now);
    }

    [Test]
    public async Task ForCandidate_IsTheirPlaceWithCohortCourseMentorAndSchool()
    {
        var place = (await new PlacementRepository(Db).GetForCandidateAsync(_candidate)).Single();

        Assert.That((place.CandidateName, place.CohortId, place.CohortZone, place.CohortStart, place.CourseId, place.FrameworkCode, place.MentorUserId, place.MentorName, place.SchoolName),
            Is.EqualTo(("Cand", _cohort, "Asia/Dubai", new DateOnly(2026, 10, 1), _course, (string?)"npqsl", (int?)_mentor, (string?)"Ment", (string?)"Placement School")));
        Assert.That(await new PlacementRepository(Db).GetFrameworkCodeAsync(_candidate), Is.EqualTo("npqsl"));
    }

    [Test]
    public async Task Withdrawn_IsNoPlaceAnyMore()
    {
        var repository = new PlacementRepository(Db);

        Assert.That(await repository.GetForCandidateAsync(_withdrawn), Is.Empty);
        Assert.That(await repository.GetFrameworkCodeAsync(_withdrawn), Is.Null);
    }

    [Test]
    public async Task MentorHeadteacherAndAdmin_EachSeeTheCandidate_AndNobodyElseDoes()
    {
        var repository = new PlacementRepository(Db);

        Assert.That((await new MenteeCaseloadRepository(Db).ReadAsync(_mentor, withDrafts: false)).Placements.Select(p => p.CandidateUserId), Is.EqualTo(new[] { _candidate }));
        Assert.That((await Schools().ReadAsync(_head, 0, 10)).Placements.Select(p => p.CandidateUserId), Is.EqualTo(new[] { _candidate }));
        Assert.That((await repository.GetForProviderAdminAsync(_admin)).Select(p => p.CandidateUserId), Is.EqualTo(new[] { _candidate }));
        Assert.That(await repository.GetForProviderAdminAsync(_otherAdmin), Is.Empty);
        var nobody = await Schools().ReadAsync(_mentor, 0, 10);
        Assert.That((nobody.Total, nobody.Placements.Count), Is.EqualTo((0, 0)), "someone without a school has no school's candidates");
    }

    [Test]
    public async Task Headteacher_ReadsTheirSchoolsCandidatesAPageAtATime_ByName()
    {
        var organisations = new OrganisationRepository(Db);
        var school = await organisations.EnsureSchoolAsync("Paged School", "England", "Europe/London");
        var otherSchool = await organisations.EnsureSchoolAsync("Next Door School", "England", "Europe/London");
        // A provider of their own, so the other tests' mentor and admin see none of these places.
        var provider = await organisations.EnsureProviderAsync("Paging Provider", Now);
        var course = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-paging", ShortCode = "PG", Name = "Paging course", FrameworkCode = "npqsl" });
        var cohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = course, Name = "London", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Europe/London", Capacity = 10,
        });
        var users = new UserRepository(Db);
        async Task<int> Person(string name, int? schoolId) => await users.CreateAsync(new AppUser
        {
            Email = $"{name}@paged", NormalizedEmail = $"{name.ToUpperInvariant()}@PAGED", DisplayName = name, CreatedUtc = Now, SchoolId = schoolId,
        });
        var head = await Person("Paged Head", school);
        var enrolments = new EnrolmentRepository(Db);
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "Eve", "Bea", "Dan", "Ada", "Cal" })
        {
            ids[name] = await Person(name, school);
            await enrolments.EnsureAsync(cohort, ids[name], null, Now);
        }

        var byName = ids.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();

        var neighbour = await Person("Aaron", otherSchool);
        await enrolments.EnsureAsync(cohort, neighbour, null, Now);
        var gone = await Person("Abe", school);
        var goneEnrolment = await enrolments.EnsureAsync(cohort, gone, null, Now);
        var enrolment = await enrolments.GetAsync(goneEnrolment);
        await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(goneEnrolment, enrolment!.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "change-in-career"), _admin, Now);

        var first = await Schools().ReadAsync(head, 0, 2);
        var second = await Schools().ReadAsync(head, 2, 2);
        var last = await Schools().ReadAsync(head, 4, 2);

        Assert.That((first.Total, second.Total, last.Total), Is.EqualTo((5, 5, 5)), "the school's five, not the neighbour's, nor the withdrawn");
        Assert.That(first.Placements.Concat(second.Placements).Concat(last.Placements).Select(p => p.CandidateUserId), Is.EqualTo(byName), "by name, each once");
        Assert.That(last.Placements, Has.Count.EqualTo(1));
    }
}
