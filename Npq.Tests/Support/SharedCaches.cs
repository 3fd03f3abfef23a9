using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Tests.Support;

/// <summary>A <see cref="SharedCache"/> of one instance, in memory, as the site builds it without Redis.</summary>
public static class SharedCaches
{
    public static SharedCache InMemory(IInstanceSignals? signals = null)
    {
        var services = new ServiceCollection();
        services.AddHybridCache();
        return new SharedCache(services.BuildServiceProvider().GetRequiredService<HybridCache>(), signals ?? new SingleInstanceSignals());
    }
}
