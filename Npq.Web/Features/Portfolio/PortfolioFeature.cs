using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Core.Files;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Dashboard;
using Npq.Web.Features.Portfolio.Progress;
using Npq.Web.Features.Portfolio.Tasks;

namespace Npq.Web.Features.Portfolio;

public static class PortfolioFeature
{
    /// <summary>
    /// Evidence, tasks, feedback, progress updates and dashboards. Files go to <c>Storage:Root</c> (default
    /// App_Data/files under the content root, outside wwwroot), each at most <c>Storage:MaxFileBytes</c> (20 MB).
    /// </summary>
    public static IServiceCollection AddPortfolio(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.AddSingleton<IFileStore>(sp =>
        {
            var root = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Root;
            return new Npq.Data.Files.LocalFileStore(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root));
        });
        services.AddScoped<PortfolioAccess>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ProgressDueService>();
        services.AddScoped<DashboardBuilder>();
        return services;
    }
}
