using Npq.Web.Features.Reporting.Reports;
using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Dashboards;
using Npq.Web.Features.Reporting.DataRights;

namespace Npq.Web.Features.Reporting;

public static class ReportingFeature
{
    /// <summary>Issue 8: reports, background exports, declarations, dashboards and data rights.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportsOptions>(configuration.GetSection("Reports"));
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportQueue>();
        services.AddSingleton<ExportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportWorker>());
        services.AddSingleton<DataRightsService>();
        services.AddSingleton<DeclarationReviewService>();
        services.Configure<DashboardOptions>(configuration.GetSection("Dashboards"));

        return services;
    }
}
