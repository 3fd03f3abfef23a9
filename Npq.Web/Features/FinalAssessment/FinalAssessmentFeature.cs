using Npq.Web.Features.FinalAssessment.Assessment;
using Microsoft.AspNetCore.Authorization;

namespace Npq.Web.Features.FinalAssessment;

public static class FinalAssessmentFeature
{
    /// <summary>Marking, moderation, release, the documents and the cohort archive jobs.</summary>
    public static IServiceCollection AddFinalAssessment(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FinalAssessmentOptions>(configuration.GetSection("FinalAssessment"));
        services.AddScoped<FinalAssessmentService>();
        services.AddScoped<AssessmentDocuments>();
        services.AddSingleton<RecordArchiveJobs>();
        services.AddSingleton<IAuthorizationHandler, ScriptAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, CohortAssessmentAccessHandler>();
        return services;
    }
}
