using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npq.Data.Infrastructure;

namespace Npq.Data.Migrations;

/// <summary>Applies the forward-only scripts in <c>db/&lt;dialect&gt;/</c> (embedded in this assembly) with DbUp.</summary>
public sealed class DatabaseMigrator(IDbConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    public const string ResourcePrefix = "Npq.Data.Scripts.";

    /// <summary>Names of the embedded scripts for a dialect, in the order they run.</summary>
    public static IReadOnlyList<string> ScriptNames(DatabaseProvider provider)
    {
        var prefix = ResourcePrefix + DialectFolder(provider) + ".";
        return typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    public static string DialectFolder(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? "sqlserver" : "sqlite";

    /// <summary>Brings the database up to date; returns the names of the scripts it ran.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var provider = connections.Dialect.Provider;
        var prefix = ResourcePrefix + DialectFolder(provider) + ".";
        UpgradeEngineBuilder builder;
        if (provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(connections.ConnectionString, new DbUpLog(logger));
            builder = DeployChanges.To.SqlDatabase(connections.ConnectionString);
        }
        else
        {
            builder = DeployChanges.To.SqliteDatabase(connections.ConnectionString);
        }

        var engine = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed at {result.ErrorScript?.Name}", result.Error);
        }

        if (connections is SqliteConnectionFactory sqlite)
        {
            await sqlite.EnableWriteAheadLogAsync(cancellationToken);
        }

        return result.Scripts.Select(s => s.Name.StartsWith(prefix, StringComparison.Ordinal) ? s.Name[prefix.Length..] : s.Name).ToList();
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);

        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);

        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);

        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);

        public void LogError(string format, params object[] args) => logger.LogError(format, args);

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
