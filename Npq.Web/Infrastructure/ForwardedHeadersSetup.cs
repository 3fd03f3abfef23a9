using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Npq.Web.Infrastructure;

/// <summary>
/// Behind a load balancer or reverse proxy, the client's address and scheme arrive in X-Forwarded-For and
/// X-Forwarded-Proto. They are believed only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses)
/// and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges, e.g. 10.0.0.0/8); from anyone else the headers are ignored,
/// so a client cannot pick the address the rate limits count it under. With neither set (the default), the headers
/// are not read at all.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddNpqForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies holds \"{proxy}\", which is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks holds \"{network}\", which is not a CIDR range such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    /// <summary>Whether any proxy is configured, so the pipeline reads forwarded headers.</summary>
    public static bool IsBehindProxy(IConfiguration configuration) =>
        (configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>()?.Length ?? 0) > 0
        || (configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>()?.Length ?? 0) > 0;
}
