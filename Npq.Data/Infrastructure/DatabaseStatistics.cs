using Microsoft.Extensions.Logging;

namespace Npq.Data.Infrastructure;

/// <summary>
/// The statistics SQLite's planner chooses plans from (<c>sqlite_stat1</c>), kept as SQLite asks of a long-running
/// application: <c>PRAGMA optimize</c> when the site starts and every few hours after, which analyses (a sample of each
/// index, bounded in time) the tables never analysed or grown or shrunk a good deal since. Without statistics SQLite
/// guesses, and several of an administrator's cohort pages cost two to five times as much (issue 23). SQL Server keeps
/// its own statistics; nothing is done there.
/// </summary>
public sealed class DatabaseStatistics(IDbConnectionFactory db, ILogger<DatabaseStatistics> logger)
{
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (db.Dialect.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var writer = await db.OpenForWriteAsync(cancellationToken))
        {
            using var command = writer.CreateCommand();
            // 0x10002: look at every table, not only those this connection has used, and analyse those that need it.
            command.CommandText = "PRAGMA optimize = 0x10002;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        logger.LogInformation("SQLite statistics brought up to date in {Milliseconds} ms", (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
