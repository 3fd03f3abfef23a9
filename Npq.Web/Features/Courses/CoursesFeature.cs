using Npq.Core.Applications;
using Npq.Web.Features.Applications;
using Npq.Web.Features.CohortAdmin;
using Npq.Web.Features.Enrolments;
using Npq.Web.Features.Imports;
using Npq.Web.Seed;

namespace Npq.Web.Features.Courses;

public static class CoursesFeature
{
    /// <summary>Courses, cohorts, applications and enrolment (issue 4): services, settings and demo data.</summary>
    public static IServiceCollection AddCoursesAndEnrolment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeeOptions>()
            .Bind(configuration.GetSection("Fees"))
            .Validate(o => o.VatRate is >= 0m and <= 1m, "Fees:VatRate is a fraction between 0 and 1 (0.2 for 20%).")
            .ValidateOnStart();
        services.AddSingleton<ProviderScope>();
        services.AddScoped<IAccountRegistration, AccountRegistration>();
        services.AddSingleton<ImportParser>();
        services.AddScoped<IDemoSeedStep, EnrolmentDemoSeedStep>();
        return services;
    }
}
