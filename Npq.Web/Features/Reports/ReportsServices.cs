using Microsoft.Extensions.DependencyInjection.Extensions;
using Npq.Core.Declarations;
using Npq.Core.Files;
using Npq.Data.Evidence;
using Npq.Web.Features.Dashboards;
using Npq.Web.Features.DataRights;

namespace Npq.Web.Features.Reports;

public static class ReportsServices
{
    /// <summary>Issue 8: reports, background exports, declarations, dashboards and data rights.</summary>
    public static IServiceCollection AddNpqReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReportsOptions>(configuration.GetSection("Reports"));
        services.AddSingleton<ReportScopeResolver>();
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
            return new LocalFileStore(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root));
        });
        return services;
    }
}
