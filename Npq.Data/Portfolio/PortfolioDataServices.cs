using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Portfolio;

public static class PortfolioDataServices
{
    /// <summary>Evidence, placements, tasks and submissions, feedback and progress updates.</summary>
    public static IServiceCollection AddPortfolioData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(sp => new CandidateFrameworks(sp.GetRequiredService<SharedCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        services.AddRepository<IPlacementRepository, PlacementRepository>();
        services.AddRepository<IEvidenceRepository, EvidenceRepository>();
        services.AddRepository<ITaskRepository, TaskRepository>();
        services.AddRepository<IFeedbackRepository, FeedbackRepository>();
        services.AddRepository<IProgressRepository, ProgressRepository>();
        services.AddRepository<ICandidateHomeRepository, CandidateHomeRepository>();
        services.AddRepository<IMenteeCaseloadRepository, MenteeCaseloadRepository>();
        services.AddRepository<ISchoolPageRepository, SchoolPageRepository>();
        return services;
    }
}
