using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;

namespace Npq.Data.Enrolment;

public static class EnrolmentDataServices
{
    /// <summary>Providers, courses, cohorts, applications, imports and enrolments.</summary>
    public static IServiceCollection AddEnrolmentData(this IServiceCollection services)
    {
        services.AddRepository<IOrganisationRepository, OrganisationRepository>();
        services.AddRepository<IEnrolmentRepository, EnrolmentRepository>();
        services.AddRepository<ICohortRepository, CohortRepository>();
        services.AddRepository<IApplicationRepository, ApplicationRepository>();
        services.AddRepository<IEnrolmentLifecycleRepository, EnrolmentLifecycleRepository>();
        services.AddRepository<IImportRepository, ImportRepository>();
        return services;
    }
}
