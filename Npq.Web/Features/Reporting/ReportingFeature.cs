using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Reports;

namespace Npq.Web.Features.Reporting;

public static class ReportingFeature
{
    /// <summary>Issue 8: reports, background exports, declarations, dashboards and data rights.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportsOptions>(configuration.GetSection("Reports"));
        services.Configure<DashboardOptions>(configuration.GetSection("Dashboards"));

        // Core use cases.
        services.AddSingleton<ReportCohorts>();
        services.AddSingleton<CompletionReporting>();
        services.AddSingleton<BackgroundExports>();
        services.AddSingleton<CohortDashboards>();
        services.AddSingleton<DeclarationReviewService>();
        services.AddSingleton<CohortDeclarations>();
        services.AddSingleton<DataRightsService>();

        // The web's side of exports: their CSV and Excel shapes and the clustered jobs that run and sweep them (the
        // files go through the shared IFileStore).
        services.AddSingleton<ICompletionExportWriter, CompletionExportWriter>();
        services.AddExportJobs();

        return services;
    }
}
