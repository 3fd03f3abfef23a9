using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npq.Data.Infrastructure.Caching;
using StackExchange.Redis;

namespace Npq.Web.Infrastructure.Caching;

/// <summary>
/// Redis, when <c>Redis:Configuration</c> is set (a StackExchange.Redis configuration string, e.g.
/// <c>redis.internal:6379,password=…,ssl=true</c>): the second level of every <see cref="SharedCache"/>, the way the
/// site's instances tell each other what to forget (<see cref="RedisInstanceSignals"/>), and the rate limiters' shared
/// counters. Without it the site keeps all of these in memory, which is right for one instance.
/// </summary>
public static class RedisSetup
{
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]);

    /// <summary>Registers Redis's services; call before the data layer's, which falls back to memory alone.</summary>
    public static IServiceCollection AddNpqRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return services;
        }

        var options = ConfigurationOptions.Parse(configuration["Redis:Configuration"]!);

        // Keep trying in the background rather than refusing to start: /health/ready reports Redis down meanwhile.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "npq-" + Environment.MachineName;
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(options, new SerilogTextWriter(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Npq.Redis"))));
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((cache, sp) =>
        {
            cache.InstanceName = KeyPrefix(configuration);
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
        services.AddSingleton<IInstanceSignals, RedisInstanceSignals>();
        services.AddHealthChecks().AddCheck<RedisCheck>("redis", tags: [Health.ReadinessChecks.ReadyTag]);
        return services;
    }

    /// <summary>What every Npq key and channel in Redis starts with (<c>Redis:KeyPrefix</c>, "npq:"), so one Redis can
    /// serve several sites.</summary>
    public static string KeyPrefix(IConfiguration configuration) => configuration["Redis:KeyPrefix"] is { Length: > 0 } prefix ? prefix : "npq:";

    /// <summary>Redis answers a PING.</summary>
    public sealed class RedisCheck(IConnectionMultiplexer redis, ILogger<RedisCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"answered in {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogError(ex, "Readiness: Redis could not be reached");
                return HealthCheckResult.Unhealthy("unreachable");
            }
        }
    }

    /// <summary>StackExchange.Redis's connection log, at debug level.</summary>
    private sealed class SerilogTextWriter(ILogger logger) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                logger.LogDebug("{RedisLog}", value);
            }
        }
    }
}
