using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Data.Reporting;

namespace Npq.Data.Reporting;

public static class ReportingDataServices
{
    /// <summary>Issue 8: the completion report, declarations, background exports and data rights.</summary>
    public static IServiceCollection AddReportingData(this IServiceCollection services)
    {
        // IFinalOutcomeSource is deliberately not registered here: the final assessment feature registers it, and
        // until then the report reads "no outcome yet" (FinalOutcomeSources.Resolve).
        services.AddSingleton<ICompletionReportQueries, CompletionReportRepository>();
        services.AddSingleton<IReportLookups, ReportLookupRepository>();
        services.AddSingleton<IReportExportRepository, ReportExportRepository>();
        services.AddSingleton<IDeclarationRepository, DeclarationRepository>();
        services.AddSingleton<PersonalDataRepository>();
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<PersonalDataRepository>());
        services.AddSingleton<IErasureLog>(sp => sp.GetRequiredService<PersonalDataRepository>());
        return services;
    }
}
