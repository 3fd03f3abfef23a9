using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Web.Features.Portfolio.Dashboard;
using Npq.Web.Features.Portfolio.Progress;
using Npq.Web.Features.Portfolio.Tasks;

namespace Npq.Web.Features.Portfolio;

public static class PortfolioFeature
{
    /// <summary>Evidence, tasks, feedback, progress updates and dashboards.</summary>
    public static IServiceCollection AddPortfolio(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddScoped<PortfolioAccess>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ProgressDueService>();
        services.AddScoped<DashboardBuilder>();
        return services;
    }
}
