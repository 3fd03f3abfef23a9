using Microsoft.Extensions.DependencyInjection;
using Npq.Core.FinalAssessment;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.FinalAssessment;

public static class FinalAssessmentDataServices
{
    /// <summary>Scripts, marks, moderation, release and the outcomes other capabilities read.</summary>
    public static IServiceCollection AddFinalAssessmentData(this IServiceCollection services)
    {
        services.AddRepository<IMarkingRepository, MarkingRepository>();
        services.AddRepository<IRecordArchiveRepository, RecordArchiveRepository>();
        services.AddSingleton<FinalOutcomeRepository>();
        services.AddSingleton<IFinalOutcomeSource>(sp => sp.GetRequiredService<FinalOutcomeRepository>());
        services.AddSingleton<IPersonalDataContributor>(sp => sp.GetRequiredService<FinalOutcomeRepository>());
        return services;
    }
}
