using Microsoft.AspNetCore.Authorization;

namespace Npq.Web.Features.Materials;

public static class MaterialsFeature
{
    /// <summary>Course materials: authoring, release to cohorts, studying and following, and who may do each.</summary>
    public static IServiceCollection AddMaterials(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, MaterialsAccessHandler>();
        services.AddSingleton<MaterialsAccess>();
        services.AddOptions<Npq.Core.Materials.MaterialUploadOptions>().BindConfiguration("Materials");
        services.AddSingleton<Npq.Core.Materials.ProgrammeAuthoring>();
        services.AddSingleton<Npq.Core.Materials.ProgrammeTransfer>();
        return services;
    }
}
