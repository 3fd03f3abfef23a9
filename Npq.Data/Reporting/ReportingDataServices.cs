using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Reporting;

public static class ReportingDataServices
{
    /// <summary>Issue 8: the completion report, declarations, background exports and data rights.</summary>
    public static IServiceCollection AddReportingData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(sp => new ReportChoicesCache(sp.GetRequiredService<SharedCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        // IFinalOutcomeSource is deliberately not registered here: the final assessment feature registers it, and
        // until then the report reads "no outcome yet" (FinalOutcomeSources.Resolve).
        services.AddRepository<ICompletionReportQueries, CompletionReportRepository>();
        services.AddRepository<IEnrolmentFiguresStore, EnrolmentFiguresRepository>();
        services.AddRepository<IReportLookups, ReportLookupRepository>();
        services.AddRepository<ICohortDashboardQueries, CohortDashboardRepository>();
        services.AddRepository<IReportExportRepository, ReportExportRepository>();
        services.AddRepository<IDeclarationRepository, DeclarationRepository>();
        services.AddRepository<IPersonalDataContributor, PersonalDataRepository>();
        services.AddSingleton<IErasureLog>(sp => sp.GetRequiredService<PersonalDataRepository>());
        return services;
    }
}
