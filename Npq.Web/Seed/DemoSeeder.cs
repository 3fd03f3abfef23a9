using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;
using Npq.Core.Courses;
using Npq.Data.Accounts;
using Npq.Data.Organisations;

namespace Npq.Web.Seed;

/// <summary>
/// Demo data for a new installation in Development (<c>Seed:Demo</c>): idempotent, so it runs on every start and
/// only adds what is missing. Production never calls it.
/// </summary>
public sealed class DemoSeeder(
    OrganisationRepository organisations,
    UserRepository users,
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
        new("headteacher@npq.example", "Helen Morris", [Roles.Headteacher], "Riverside Academy"),
        new("admin@npq.example", "Sam Price", [Roles.ProviderAdmin], null),
    ];

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

        await organisations.EnsureCohortAsync(new Cohort
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
        await organisations.EnsureCohortAsync(new Cohort
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

        foreach (var account in Accounts)
        {
            await EnsureUserAsync(account, providerId, account.School is null ? null : schools[account.School], now);
        }

        logger.LogInformation("Demo data is in place ({Accounts} demo accounts)", Accounts.Count);
    }

    private async Task EnsureUserAsync(DemoAccount account, int providerId, int? schoolId, DateTime now)
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
    }
}

public sealed record DemoAccount(string Email, string DisplayName, IReadOnlyList<string> Roles, string? School);
