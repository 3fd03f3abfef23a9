using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Npq.Data.Infrastructure;

namespace Npq.Data.Migrations;

/// <summary>
/// Applies the forward-only scripts in <c>db/&lt;dialect&gt;/</c> (embedded in this assembly) with DbUp. On SQL Server the
/// run holds an exclusive application lock (<c>sp_getapplock</c>) for its whole length, so instances or deploy steps
/// started together take turns and each later one finds nothing left to do; the database is created only when
/// <see cref="DatabaseOptions.CreateIfMissing"/> asks.
/// </summary>
public sealed class DatabaseMigrator(IDbConnectionFactory connections, ILogger<DatabaseMigrator> logger, DatabaseOptions? options = null)
{
    /// <summary>The application lock migrators take turns on.</summary>
    public const string LockResource = "Npq.Migrations";

    /// <summary>Takes the lock for the session (waiting up to @timeout ms) and selects sp_getapplock's result.</summary>
    public const string TakeLockSql =
        "DECLARE @result int; EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout; SELECT @result;";

    public const string ReleaseLockSql = "EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

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

    /// <summary>The scripts not yet applied, in the order they would run (empty when the database is up to date).</summary>
    public IReadOnlyList<string> PendingScripts() => Engine().GetScriptsToExecute().Select(s => ShortName(s.Name)).ToList();

    /// <summary>Brings the database up to date; returns the names of the scripts it ran.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        DatabaseUpgradeResult result;
        if (connections.Dialect.Provider == DatabaseProvider.SqlServer)
        {
            if (options?.CreateIfMissing == true)
            {
                EnsureDatabase.For.SqlDatabase(connections.ConnectionString, new DbUpLog(logger));
            }

            await using var holder = new SqlConnection(connections.ConnectionString);
            await holder.OpenAsync(cancellationToken);
            await TakeLockAsync(holder, cancellationToken);
            try
            {
                result = Engine().PerformUpgrade();
            }
            finally
            {
                await using var release = new SqlCommand(ReleaseLockSql, holder);
                release.Parameters.AddWithValue("@resource", LockResource);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        else
        {
            result = Engine().PerformUpgrade();
        }

        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed at {result.ErrorScript?.Name}", result.Error);
        }

        if (connections is SqliteConnectionFactory sqlite)
        {
            await sqlite.EnableWriteAheadLogAsync(cancellationToken);
        }

        return result.Scripts.Select(s => ShortName(s.Name)).ToList();
    }

    private string Prefix => ResourcePrefix + DialectFolder(connections.Dialect.Provider) + ".";

    /// <summary>A script's embedded resource name without the dialect's prefix: "0013_materials.sql".</summary>
    private string ShortName(string resourceName) =>
        resourceName.StartsWith(Prefix, StringComparison.Ordinal) ? resourceName[Prefix.Length..] : resourceName;

    private UpgradeEngine Engine()
    {
        var prefix = Prefix;
        var builder = connections.Dialect.Provider == DatabaseProvider.SqlServer
            ? DeployChanges.To.SqlDatabase(connections.ConnectionString)
            : DeployChanges.To.SqliteDatabase(connections.ConnectionString);
        return builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();
    }

    /// <summary>Waits for the migrations lock; a result below zero (timeout, deadlock, error) stops the run.</summary>
    private async Task TakeLockAsync(SqlConnection holder, CancellationToken cancellationToken)
    {
        await using var take = new SqlCommand(TakeLockSql, holder) { CommandTimeout = (int)LockWait.TotalSeconds + 30 };
        take.Parameters.AddWithValue("@resource", LockResource);
        take.Parameters.AddWithValue("@timeout", (int)LockWait.TotalMilliseconds);
        var result = Convert.ToInt32(await take.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (result < 0)
        {
            throw new InvalidOperationException($"Another migration held the {LockResource} lock for longer than {LockWait.TotalMinutes:0} minutes (sp_getapplock returned {result}).");
        }

        logger.LogInformation("Holding the {Resource} lock for the migration run", LockResource);
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
