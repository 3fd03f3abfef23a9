using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Materials;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Materials;

public static class MaterialsDataServices
{
    /// <summary>Courses' programmes (remembered as long as sessions are), their release to cohorts, and candidates' progress.</summary>
    public static IServiceCollection AddMaterialsData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(sp => new ProgrammeCache(sp.GetRequiredService<SharedCache>(), TimeSpan.FromSeconds(options.SessionCacheSeconds)));
        services.AddRepository<IProgrammeRepository, ProgrammeRepository>();
        services.AddRepository<IStudyRepository, StudyRepository>();
        services.AddRepository<IMaterialsProgressQueries, MaterialsReportRepository>();
        services.AddSingleton<IMaterialsProgressImport>(sp => sp.GetRequiredService<MaterialsReportRepository>());
        services.AddRepository<IPersonalDataContributor, MaterialsPersonalData>();
        services.AddRepository<IReleaseRepository, ReleaseRepository>();
        return services;
    }
}
