using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
namespace Npq.Web.Demo;

/// <summary>
/// Demo data for a new installation in Development (<c>Seed:Demo</c>): idempotent, so it runs on the first start of
/// each build of the site (<see cref="Npq.Web.Infrastructure.NpqPipeline"/>) and only adds what is missing. Production
/// never calls it.
/// </summary>
public sealed class DemoSeeder(
    IOrganisationRepository organisations,
    IUserRepository users,
    IEnrolmentRepository enrolments,
    IEnumerable<IDemoSeedStep> steps,
    IPasswordHasher<AppUser> passwordHasher,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The password every demo account signs in with (documented in the README).</summary>
    public const string DemoPassword = "Npq-Demo-Pass-2026";

    public const string ProviderName = "Outstanding Leaders Partnership";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("candidate1@npq.example", "Amira Haddad", [Roles.Candidate], "Al Noor British School"),
        new("candidate2@npq.example", "Ben Carter", [Roles.Candidate], "Riverside Academy"),
        new("mentor@npq.example", "Priya Shah", [Roles.Mentor], null),
        new("assessor@npq.example", "Tom Okafor", [Roles.Assessor], null),
        new("assessor2@npq.example", "Grace Lin", [Roles.Assessor], null),
        new("headteacher@npq.example", "Helen Morris", [Roles.Headteacher], "Riverside Academy"),
        new("admin@npq.example", "Sam Price", [Roles.ProviderAdmin], null),
    ];

    /// <summary>Whether a step must run on every start (see <see cref="IDemoSeedStep.RunsOnEveryStart"/>).</summary>
    public bool RunsOnEveryStart => steps.Any(s => s.RunsOnEveryStart);

    public async Task SeedAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var providerId = await organisations.EnsureProviderAsync(ProviderName, now);
        var ukPartner = await organisations.EnsureDeliveryPartnerAsync(providerId, "Riverside Teaching School Hub");
        var internationalPartner = await organisations.EnsureDeliveryPartnerAsync(providerId, "Gulf International Schools Network");
        var schools = new Dictionary<string, int>
        {
            ["Riverside Academy"] = await organisations.EnsureSchoolAsync("Riverside Academy", "United Kingdom", "Europe/London", "100001"),
            ["Al Noor British School"] = await organisations.EnsureSchoolAsync("Al Noor British School", "United Arab Emirates", "Asia/Dubai"),
        };

        var npqsl = NpqCourses.Find("npq-senior-leadership")!;
        var courseId = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = providerId,
            Identifier = npqsl.Identifier,
            ShortCode = npqsl.ShortCode,
            Name = $"NPQ for {npqsl.Name}",
            FrameworkCode = "npqsl",
            PricePence = 155_000,
            IsLeadership = npqsl.IsLeadership,
            HasAssessment = npqsl.HasAssessment,
        });

        var ukCohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId,
            DeliveryPartnerId = ukPartner,
            Name = "NPQSL Autumn 2026 – Riverside (blended)",
            StartYear = 2026,
            StartDate = new DateOnly(2026, 10, 1),
            EndDate = new DateOnly(2028, 3, 31),
            DeliveryModel = DeliveryModel.Blended,
            IsInternational = false,
            TimeZone = "Europe/London",
            Capacity = 24,
        });
        var internationalCohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId,
            DeliveryPartnerId = internationalPartner,
            Name = "NPQSL International Autumn 2026 – Gulf (online)",
            StartYear = 2026,
            Suffix = "a",
            StartDate = new DateOnly(2026, 10, 5),
            EndDate = new DateOnly(2028, 4, 30),
            DeliveryModel = DeliveryModel.Online,
            IsInternational = true,
            TimeZone = "Asia/Dubai",
            Capacity = 66,
        });

        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in Accounts)
        {
            ids[account.Email] = await EnsureUserAsync(account, providerId, account.School is null ? null : schools[account.School], now);
        }

        var mentor = ids["mentor@npq.example"];
        await enrolments.EnsureAsync(internationalCohort, ids["candidate1@npq.example"], mentor, now);
        await enrolments.EnsureAsync(ukCohort, ids["candidate2@npq.example"], mentor, now);

        var context = new DemoSeedContext(providerId, courseId, ukCohort, internationalCohort, ids, schools, now);
        foreach (var step in steps.OrderBy(s => s.Order))
        {
            await step.SeedAsync(context);
        }

        logger.LogInformation("Demo data is in place ({Accounts} demo accounts, {Steps} feature steps)", Accounts.Count, steps.Count());
    }

    private async Task<int> EnsureUserAsync(DemoAccount account, int providerId, int? schoolId, DateTime now)
    {
        var normalized = account.Email.ToUpperInvariant();
        var user = await users.FindByNormalizedEmailAsync(normalized);
        if (user is null)
        {
            user = new AppUser
            {
                Email = account.Email,
                NormalizedEmail = normalized,
                DisplayName = account.DisplayName,
                EmailConfirmed = true,
                ProviderId = providerId,
                SchoolId = schoolId,
                CreatedUtc = now,
            };
            user.PasswordHash = passwordHasher.HashPassword(user, DemoPassword);
            await users.CreateAsync(user);
        }

        foreach (var role in account.Roles)
        {
            await users.AddToRoleAsync(user.Id, role);
        }

        return user.Id;
    }
}

public sealed record DemoAccount(string Email, string DisplayName, IReadOnlyList<string> Roles, string? School);

/// <summary>What the base demo seed created, for the feature steps that add to it.</summary>
public sealed record DemoSeedContext(
    int ProviderId,
    int CourseId,
    int UkCohortId,
    int InternationalCohortId,
    IReadOnlyDictionary<string, int> UserIds,
    IReadOnlyDictionary<string, int> SchoolIds,
    DateTime NowUtc)
{
    public int User(string email) => UserIds[email];
}

/// <summary>
/// A feature's part of the demo data. Register with <c>services.AddScoped&lt;IDemoSeedStep, X&gt;()</c>;
/// every step must be idempotent: the seed runs on the first start of each build of the site, and adds what is missing.
/// </summary>
public interface IDemoSeedStep
{
    /// <summary>Steps run in ascending order (enrolment data before evidence, evidence before marking…).</summary>
    int Order { get; }

    /// <summary>True when the step must run on every start, not only on a build's first (it fills something that
    /// does not outlive the process).</summary>
    bool RunsOnEveryStart => false;

    Task SeedAsync(DemoSeedContext context);
}
