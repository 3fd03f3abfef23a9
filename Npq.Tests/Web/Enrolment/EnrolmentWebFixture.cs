using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>Shared set-up for the issue-4 integration tests: one seeded app with test sign-in, and quick data helpers.</summary>
public abstract class EnrolmentWebFixture : WebFixture
{
    protected async Task<CohortSummary> CohortNamedAsync(string startsWith) =>
        (await Service<CohortRepository>().GetSummariesAsync((await Service<UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId!.Value))
            .Single(c => c.Cohort.Name.StartsWith(startsWith, StringComparison.Ordinal));

    /// <summary>A fresh cohort of the demo course, so a test owns its places.</summary>
    protected async Task<int> NewCohortAsync(int capacity, string zone = "Europe/London")
    {
        var existing = await CohortNamedAsync("NPQSL Autumn 2026");
        return await Service<CohortRepository>().CreateCohortAsync(new Cohort
        {
            CourseId = existing.Course.Id, Name = "Test cohort " + Guid.NewGuid().ToString("N")[..8], StartYear = 2027, Suffix = "b",
            StartDate = new DateOnly(2027, 2, 1), EndDate = new DateOnly(2028, 7, 31), DeliveryModel = DeliveryModel.Online, TimeZone = zone, Capacity = capacity,
        }, CohortExtras.None);
    }

    /// <summary>A pending application from a new person (no password) to the cohort.</summary>
    protected async Task<int> NewApplicationAsync(int cohortId, string? email = null, FundingRoute route = FundingRoute.School)
    {
        email ??= $"applicant-{Guid.NewGuid():N}@test.example";
        var users = Service<UserRepository>();
        var providerId = (await users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId;
        var userId = await users.CreateAsync(new Npq.Core.Accounts.AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Applicant " + email[..12], ProviderId = providerId, CreatedUtc = DateTime.UtcNow,
        });
        await users.AddToRoleAsync(userId, Npq.Core.Accounts.Roles.Candidate);
        var draft = new Application
        {
            CohortId = cohortId, ApplicantUserId = userId, SchoolName = "Test School", Role = "Teacher", Qualification = TeachingQualification.Qts,
            QualificationGainedOn = new DateOnly(2015, 7, 1), YearsTeachingSince = 8, FundingRoute = route,
        };
        return await Service<ApplicationRepository>().CreateAsync(ApplicationSubmission.Complete(draft, 155_000, 0.2m, new DateOnly(2026, 11, 22), DateTime.UtcNow));
    }

    protected static Dictionary<string, string> Fields(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);
}
