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
        services.AddSingleton<ExportQueue>();
        services.AddSingleton<CohortDashboards>();
        services.AddSingleton<DeclarationReviewService>();
        services.AddSingleton<CohortDeclarations>();
        services.AddSingleton<DataRightsService>();

        // The web's side of exports: the files, their CSV and Excel shapes, the worker that runs them.
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<IExportFileStore>(sp => sp.GetRequiredService<ExportFiles>());
        services.AddSingleton<ICompletionExportWriter, CompletionExportWriter>();
        services.AddSingleton<ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportWorker>());

        return services;
    }
}
