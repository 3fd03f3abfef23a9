namespace Npq.Data.Infrastructure;

/// <summary>
/// Process-wide settings of the SQLite engine, which SQLite accepts only before it first starts (before the first
/// connection of the process is opened). <see cref="Configure"/> applies them; the SQLite connection factory's static
/// constructor calls it, so they are set before any of Npq's connections is opened.
/// </summary>
public static class SqliteEngine
{
    private const int SqliteOk = 0;
    private const int SqliteConfigMemStatus = 9;

    /// <summary>
    /// Whether SQLite keeps no memory statistics in this process. SQLite counts every allocation and free under one
    /// process-wide lock unless told not to; Npq reads none of those counts (it sets no soft heap limit), and with two
    /// cores serving many readers at once the lock and the counting cost a page 10–15 % of its CPU (candidate's home
    /// page, 10,000 candidates: about 1,100 µs a request with them, 900 without).
    /// </summary>
    public static bool MemoryStatisticsOff { get; } = Apply();

    /// <summary>Applies the settings once per process (later calls do nothing) and says whether they took.</summary>
    public static bool Configure() => MemoryStatisticsOff;

    private static bool Apply()
    {
        SQLitePCL.Batteries_V2.Init();
        // Refused (SQLITE_MISUSE) when something in the process has already started the engine: statistics then stay
        // on, which is slower, not wrong.
        return SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0) == SqliteOk;
    }
}
