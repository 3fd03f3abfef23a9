using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Dfe;
using Npq.Data.Infrastructure;

namespace Npq.Data.Dfe;

public static class DfeDataServices
{
    /// <summary>The DfE sync's connections, what was pulled from DfE, and the outbox of pushes.</summary>
    public static IServiceCollection AddDfeData(this IServiceCollection services)
    {
        services.AddRepository<IDfeConnectionRepository, DfeConnectionRepository>();
        services.AddRepository<IDfeMirrorRepository, DfeMirrorRepository>();
        services.AddRepository<IDfeOutbox, DfeOutboxRepository>();
        return services;
    }
}
