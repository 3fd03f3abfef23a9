using System.Globalization;
using System.Threading.RateLimiting;
using Npq.Core.Accounts;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Npq.Web.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window rate limits counted per signed-in person, or per client address for anyone signed out. The address is
/// the connection's, which the forwarded-headers middleware replaces with the client's only when the request came
/// through a configured proxy (<c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c>), so no one can pick their own
/// partition by sending an <c>X-Forwarded-For</c> header. With Redis configured the counters live there, so a limit
/// holds across every instance of the site; without it, in memory.
/// </summary>
public static class SharedRateLimits
{
    public static RateLimitPartition<string> FixedWindow(HttpContext context, string policy, int permitLimit, TimeSpan window)
    {
        var key = string.Concat(RedisPrefix(context), "rate:", policy, ":", Who(context));
        var redis = context.RequestServices.GetService<IConnectionMultiplexer>();
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitLimit, Window = window, QueueLimit = 0,
            });
        }

        return RedisRateLimitPartition.GetFixedWindowRateLimiter(key, _ => new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis, PermitLimit = permitLimit, Window = window,
        });
    }

    /// <summary>"user:42" for a signed-in person, "address:203.0.113.7" otherwise.</summary>
    public static string Who(HttpContext context) =>
        context.User.TryGetUserId() is { } id
            ? "user:" + id.ToString(CultureInfo.InvariantCulture)
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string RedisPrefix(HttpContext context) =>
        Caching.RedisSetup.KeyPrefix(context.RequestServices.GetRequiredService<IConfiguration>());
}
