using Microsoft.Extensions.Options;
using Npq.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Npq.Core.Changes;
using Npq.Core.Dfe;
using Npq.Web.Features.Dfe.Client;
using Npq.Web.Features.Dfe.Fake;
using Npq.Web.Features.Dfe.Sync;

namespace Npq.Web.Features.Dfe;

public static class DfeFeature
{
    /// <summary>The DfE sync: the v3 client, pulls, the outbox of pushes, the reconcile pages, the scheduled worker, and the fake DfE when <c>Dfe:Mode=Fake</c>.</summary>
    public static IServiceCollection AddDfe(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DfeSyncOptions>().BindConfiguration("Dfe");
        services.AddOptions<DfeClientOptions>().BindConfiguration("Dfe:Client");
        services.AddOptions<FakeDfeOptions>().BindConfiguration("Dfe:Fake");
        services.AddHttpClient(DfeHttpApi.ClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<IDfeApi, DfeHttpApi>();
        services.AddSingleton<IDfeTokenProtector, DfeTokenProtector>();
        services.AddSingleton<IAuthorizationHandler, DfeAccessHandler>();
        services.AddScoped<DfeSettings>();
        services.AddScoped<DfePull>();
        services.AddScoped<DfePush>();
        services.AddScoped<DfeReconcile>();
        services.AddScoped<DfeOverview>();
        services.AddScoped<DfeLinks>();
        services.AddScoped<IRecordChangeListener, DfeChangePush>();
        services.AddRecurringJob<DfeSyncWorker>("dfe-sync", sp => DfeSyncWorker.Every(sp.GetRequiredService<IOptions<DfeSyncOptions>>().Value));
        if (IsFake(configuration))
        {
            services.AddSingleton<FakeDfeState>();
        }

        return services;
    }

    public static bool IsFake(IConfiguration configuration) => string.Equals(configuration["Dfe:Mode"], "Fake", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps the fake DfE under /fake-dfe/ when, and only when, <c>Dfe:Mode=Fake</c>.</summary>
    public static void MapDfe(this WebApplication app)
    {
        if (IsFake(app.Configuration))
        {
            app.MapFakeDfe();
        }
    }
}
