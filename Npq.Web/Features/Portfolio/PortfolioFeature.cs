using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Dashboard;

namespace Npq.Web.Features.Portfolio;

public static class PortfolioFeature
{
    /// <summary>Evidence, tasks, feedback, progress updates and dashboards: their use cases, permissions and the dashboard's output cache.</summary>
    public static IServiceCollection AddPortfolio(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddScoped<CandidateLookup>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<EvidenceQueries>();
        services.AddScoped<FeedbackService>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<TaskOverview>();
        services.AddScoped<TaskAdministration>();
        services.AddScoped<ProgressDueService>();
        services.AddScoped<ProgressService>();
        services.AddScoped<DashboardBuilder>();
        services.AddScoped<PortfolioAccess>();

        // A candidate's own dashboard is output-cached until anyone writes (see DashboardGenerations).
        services.AddSingleton<DashboardGenerations>();
        services.AddOptions<OutputCacheOptions>()
            .Configure<DashboardGenerations, IOptions<AntiforgeryOptions>>(
                (options, generations, antiforgery) => options.AddPolicy(
                    CandidateDashboardCachePolicy.Name,
                    new CandidateDashboardCachePolicy(generations, antiforgery, configuration)));
        return services;
    }
}
