using Microsoft.AspNetCore.Authorization;
using Npq.Core.Materials;

namespace Npq.Web.Features.Materials;

public static class MaterialsFeature
{
    /// <summary>Course materials: authoring, release to cohorts, studying and following, and who may do each.</summary>
    public static IServiceCollection AddMaterials(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, MaterialsAccessHandler>();
        services.AddSingleton<MaterialsAccess>();
        services.AddScoped<MaterialsFollowing>();
        services.AddScoped<MaterialsFinder>();
        services.AddScoped<ModuleReleases>();
        services.AddScoped<Studying>();
        services.AddOptions<MaterialUploadOptions>().BindConfiguration("Materials");
        services.AddSingleton<ProgrammeAuthoring>();
        services.AddSingleton<ProgrammeTransfer>();
        return services;
    }
}
