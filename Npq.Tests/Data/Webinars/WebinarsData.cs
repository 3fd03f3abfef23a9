using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Webinars;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Webinars;

/// <summary>What the webinar repository contracts arrange: a cohort of their own with a candidate and a mentor, and sessions.</summary>
internal static class WebinarsData
{
    public static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A new provider, course and Dubai cohort, with a candidate ("Amira") enrolled and mentored by a mentor ("Priya").</summary>
    public static async Task<(int CohortId, int Candidate, int Mentor)> CohortAsync(IDbConnectionFactory db)
    {
        var organisations = new OrganisationRepository(db);
        var users = new UserRepository(db);
        var providerId = await organisations.EnsureProviderAsync($"Provider {Guid.NewGuid():N}", Now);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "SL", FrameworkCode = "npqsl" });
        var cohortId = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Dubai", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Online, TimeZone = "Asia/Dubai", Capacity = 20,
        });

        async Task<int> User(string name, string role)
        {
            var email = $"{Guid.NewGuid():N}@repo.example";
            var user = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = providerId, CreatedUtc = Now };
            await users.CreateAsync(user);
            await users.AddToRoleAsync(user.Id, role);
            return user.Id;
        }

        var candidate = await User("Amira", Roles.Candidate);
        var mentor = await User("Priya", Roles.Mentor);
        await new EnrolmentRepository(db).EnsureAsync(cohortId, candidate, mentor, Now);
        return (cohortId, candidate, mentor);
    }

    public static WebinarSession Session(int cohortId, int mentor, DateTime start) => new()
    {
        CohortId = cohortId, Title = "Culture", AgendaMarkdown = "## Plan", StartUtc = start, DurationMinutes = 90, FacilitatorUserId = mentor,
        JoinUrl = "https://meet.example/a", Capacity = 20, FrameworkAreas = ["school-culture", "teaching"], CreatedUtc = Now, UpdatedUtc = Now,
    };
}
