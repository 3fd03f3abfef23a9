using Npq.Core.Enrolment;
using Npq.Web.Features.Enrolment.Applications;
using Npq.Web.Features.Enrolment.CohortAdmin;
using Npq.Web.Features.Enrolment.Enrolments;
using Npq.Web.Features.Enrolment.Imports;

namespace Npq.Web.Features.Enrolment;

public static class EnrolmentFeature
{
    /// <summary>Courses, cohorts, applications and enrolment (issue 4): services, settings and demo data.</summary>
    public static IServiceCollection AddEnrolment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeeOptions>()
            .Bind(configuration.GetSection("Fees"))
            .Validate(o => o.VatRate is >= 0m and <= 1m, "Fees:VatRate is a fraction between 0 and 1 (0.2 for 20%).")
            .ValidateOnStart();
        services.AddScoped<IAccountRegistration, AccountRegistration>();
        services.AddSingleton<ImportParser>();
        return services;
    }
}
