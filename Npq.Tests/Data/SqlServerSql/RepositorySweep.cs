using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>
/// Every public method of every class in Npq.Data that opens connections, run with made-up arguments (and their
/// variants) against a <see cref="CapturingConnectionFactory"/>: the statements each method sends, for the sweeps that
/// check them (SQL Server's parser, SQLite's plans).
/// </summary>
internal static class RepositorySweep
{
    public sealed record Sent(Type Type, MethodInfo Method, IReadOnlyList<string> Statements);

    /// <summary>The sweep with the site's data services registered for the factory's dialect, the factory in place of the database.</summary>
    public static async Task<IReadOnlyList<Sent>> RunAsync(CapturingConnectionFactory factory)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNpqData(new DatabaseOptions
        {
            Provider = factory.Dialect.Provider,
            ConnectionString = factory.Dialect.Provider == DatabaseProvider.SqlServer ? factory.ConnectionString : "Data Source=capturing.db",
        });
        services.AddSingleton<IDbConnectionFactory>(factory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Npq.Core.Frameworks.IFrameworkCatalog>(Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        await using var provider = services.BuildServiceProvider();
        return await RunAsync(provider, factory);
    }

    private static async Task<IReadOnlyList<Sent>> RunAsync(IServiceProvider provider, CapturingConnectionFactory factory)
    {
        var sent = new List<Sent>();
        foreach (var type in RepositoryTypes())
        {
            var instance = Resolve(provider, type);
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition))
            {
                if (!Arguments.TryMake(method, out var arguments))
                {
                    continue;
                }

                var before = factory.Statements.Count;
                await RunAsync(instance, method, arguments);
                foreach (var variant in Arguments.Variants(arguments))
                {
                    await RunAsync(instance, method, variant);
                }

                sent.Add(new Sent(type, method, factory.Statements.Skip(before).ToList()));
            }
        }

        return sent;
    }

    private static IEnumerable<Type> RepositoryTypes() =>
        typeof(DataServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && !t.IsGenericTypeDefinition
                && t.Namespace?.EndsWith(".Migrations", StringComparison.Ordinal) != true
                && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IDbConnectionFactory))))
            .OrderBy(t => t.FullName);

    /// <summary>As the site gets it: registered as itself or behind one of its Core interfaces, else made from the container's services.</summary>
    private static object Resolve(IServiceProvider provider, Type type) =>
        provider.GetService(type)
        ?? type.GetInterfaces().Select(provider.GetService).FirstOrDefault(type.IsInstanceOfType)
        ?? ActivatorUtilities.CreateInstance(provider, type);

    private static async Task RunAsync(object instance, MethodInfo method, object?[] arguments)
    {
        try
        {
            var result = method.Invoke(instance, arguments);
            switch (result)
            {
                case Task task:
                    await task;
                    break;
                case ValueTask valueTask:
                    await valueTask;
                    break;
                case IAsyncEnumerable<object> rows:
                    await foreach (var _ in rows)
                    {
                    }

                    break;
                case IEnumerable lazy when result is not string:
                    foreach (var _ in lazy)
                    {
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is not Microsoft.Data.SqlClient.SqlException)
        {
            // Empty results make some methods stop after their first statement (QuerySingle, a missing row): what they
            // sent until then is still checked.
        }
    }
}
