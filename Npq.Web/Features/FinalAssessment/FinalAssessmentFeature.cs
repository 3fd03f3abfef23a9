using Microsoft.Extensions.Options;
using Npq.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Npq.Core.FinalAssessment;
using Npq.Web.Features.FinalAssessment.Assessment;

namespace Npq.Web.Features.FinalAssessment;

public static class FinalAssessmentFeature
{
    /// <summary>Allocation, marking, moderation, release, the documents and the cohort archive jobs.</summary>
    public static IServiceCollection AddFinalAssessment(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FinalAssessmentOptions>(configuration.GetSection("FinalAssessment"));

        // Core use cases and the query service the pages read through.
        services.AddScoped<AssessmentPolicies>();
        services.AddScoped<AssessmentSetup>();
        services.AddScoped<MarkingAllocation>();
        services.AddScoped<ScriptMarking>();
        services.AddScoped<OutcomeRelease>();
        services.AddScoped<FinalAssessmentSitting>();
        services.AddScoped<AssessmentRecords>();
        services.AddScoped<FinalAssessmentQueries>();

        // Web: the documents' models, the archive jobs and the permissions.
        services.AddScoped<AssessmentDocuments>();
        services.AddSingleton<RecordArchiveJobs>();
        services.AddOnDemandJob<RecordArchiveJob>(RecordArchiveJob.Key);
        services.AddRecurringJob<RecordArchiveSweepJob>("record-archive-sweep", sp => TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<JobsOptions>>().Value.SweepEveryMinutes)));
        services.AddSingleton<IAuthorizationHandler, ScriptAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, CohortAssessmentAccessHandler>();
        return services;
    }
}
