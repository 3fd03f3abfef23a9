using Npq.Core.Files;
using Npq.Data.Evidence;
using Npq.Web.Features.Dashboard;
using Npq.Web.Features.Progress;
using Npq.Web.Features.Tasks;
using Npq.Web.Seed;

namespace Npq.Web.Features.Evidence;

public static class PortfolioServices
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
            return new LocalFileStore(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root));
        });
        services.AddScoped<Portfolio>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ProgressDueService>();
        services.AddScoped<DashboardBuilder>();
        services.AddScoped<IDemoSeedStep, PortfolioDemoSeed>();
        return services;
    }
}
