using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

/// <summary>
/// The body the Enrolment repository contracts share: a provider with one course, an admin, and helpers that make
/// cohorts, people and submitted applications in the fixture's database.
/// </summary>
public abstract class EnrolmentDataFixture<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    protected static readonly DateTime Now = new(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);

    protected int ProviderId { get; private set; }

    protected int CourseId { get; private set; }

    protected int AdminId { get; private set; }

    [OneTimeSetUp]
    public async Task Organisation()
    {
        var organisations = new OrganisationRepository(Db);
        ProviderId = await organisations.EnsureProviderAsync($"{GetType().Name} Provider", Now);
        CourseId = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = ProviderId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "Senior Leadership", PricePence = 155_000,
        });
        AdminId = await NewUserAsync("admin");
    }

    protected async Task<int> NewCohortAsync(int capacity) =>
        await new CohortRepository(Db).CreateCohortAsync(NewCohort("Cohort " + Guid.NewGuid().ToString("N")[..8], capacity), CohortExtras.None);

    protected Cohort NewCohort(string name, int capacity) => new()
    {
        CourseId = CourseId, Name = name, StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
        DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = capacity,
    };

    protected async Task<int> NewUserAsync(string name, int? schoolId = null)
    {
        var email = $"{name}-{Guid.NewGuid():N}@repo.example";
        return await new UserRepository(Db).CreateAsync(new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = ProviderId, SchoolId = schoolId, CreatedUtc = Now,
        });
    }

    protected static Application Draft(int cohortId, int applicantUserId) => new()
    {
        CohortId = cohortId, ApplicantUserId = applicantUserId, SchoolName = "Riverside Academy", Role = "Assistant head",
        Qualification = TeachingQualification.Qts, QualificationGainedOn = new DateOnly(2016, 7, 20), YearsTeachingSince = 8, FundingRoute = FundingRoute.School,
    };

    protected static Application Submitted(int cohortId, int applicantUserId) =>
        ApplicationSubmission.Complete(Draft(cohortId, applicantUserId), 155_000, 0.2m, new DateOnly(2026, 11, 22), Now);

    /// <summary>Enrols the person on the cohort the way an admin does: an application, accepted.</summary>
    protected async Task<CohortEnrolment> EnrolAsync(int cohortId, int candidateUserId)
    {
        var applications = new ApplicationRepository(Db);
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(cohortId, candidateUserId)), AdminId, null, Now);
        return (await new EnrolmentLifecycleRepository(Db).GetForCandidateAsync(candidateUserId)).Single(e => e.Enrolment.CohortId == cohortId).Enrolment;
    }
}
