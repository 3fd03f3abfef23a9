using Microsoft.Extensions.DependencyInjection;
using Npq.Core.DataRights;
using Npq.Core.Declarations;
using Npq.Core.Reports;
using Npq.Data.DataRights;
using Npq.Data.Declarations;

namespace Npq.Data.Reports;

public static class ReportsDataServices
{
    /// <summary>Issue 8: the completion report, declarations, background exports and data rights.</summary>
    public static IServiceCollection AddNpqReportsData(this IServiceCollection services)
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
