using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio;

public static class PortfolioFeature
{
    /// <summary>Evidence, tasks, feedback, progress updates and dashboards: their use cases and permissions.</summary>
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
        return services;
    }
}
