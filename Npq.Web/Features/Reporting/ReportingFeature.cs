using Npq.Web.Features.Reporting.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npq.Core.Reporting;
using Npq.Core.Files;
using Npq.Data.Portfolio;
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

        // Uploaded files live in the evidence feature's store; if nothing else registered one, the local folder
        // under Storage:Root is it (the evidence feature's own registration wins when present).
        services.TryAddSingleton<IFileStore>(sp =>
        {
            var root = configuration["Storage:Root"] ?? new StorageOptions().Root;
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            return new Npq.Data.Files.LocalFileStore(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root));
        });
        return services;
    }
}
