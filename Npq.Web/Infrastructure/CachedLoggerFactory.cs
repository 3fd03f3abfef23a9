using System.Collections.Concurrent;

namespace Npq.Web.Infrastructure;

/// <summary>
/// Serilog's logger factory makes a new logger every time one is asked for, and ASP.NET Core's authentication handler
/// asks for one on every request it authenticates (a handler is made per request): a few percent of every signed-in
/// page. This keeps one logger per category, as Microsoft's own factory does; loggers are safe to share across
/// threads, and a cached one still asks Serilog whether each level is enabled, so a changed level applies at once.
/// </summary>
public sealed class CachedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's) in the cache.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachedLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("The logger factory's registration names no way to make it."),
        }));
    }
}
