using Microsoft.Extensions.Options;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure.Jobs;
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
        // Scoped, as the other use cases that tell the record-change listeners of a change: the DfE push is scoped.
        services.AddScoped<CohortDeclarations>();
        services.AddSingleton<DataRightsService>();
        services.AddSingleton<EnrolmentFiguresKeeping>();

        // The web's side of exports: their CSV and Excel shapes and the clustered jobs that run and sweep them (the
        // files go through the shared IFileStore).
        services.AddSingleton<ICompletionExportWriter, CompletionExportWriter>();
        services.AddExportJobs();

        // The completion figures kept per enrolment, filled again after the writes that deleted them (issue 23).
        services.AddRecurringJob<EnrolmentFiguresJob>("completion-figures", sp =>
        {
            var seconds = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.FiguresEverySeconds;
            return seconds > 0 ? TimeSpan.FromSeconds(Math.Max(5, seconds)) : null;
        });

        return services;
    }
}
