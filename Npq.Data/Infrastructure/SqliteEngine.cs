namespace Npq.Data.Infrastructure;

/// <summary>
/// Process-wide settings of the SQLite engine, which SQLite accepts only before it first starts (before the first
/// connection of the process is opened). <see cref="Configure"/> applies them; the SQLite connection factory's static
/// constructor calls it, so they are set before any of Npq's connections is opened.
/// </summary>
public static class SqliteEngine
{
    private const int SqliteOk = 0;
    private const int SqliteConfigMultiThread = 2;
    private const int SqliteConfigMemStatus = 9;

    /// <summary>
    /// Whether SQLite keeps no memory statistics in this process. SQLite counts every allocation and free under one
    /// process-wide lock unless told not to; Npq reads none of those counts (it sets no soft heap limit), and with two
    /// cores serving many readers at once the lock and the counting cost a page 10–15 % of its CPU (candidate's home
    /// page, 10,000 candidates: about 1,100 µs a request with them, 900 without).
    /// </summary>
    public static bool MemoryStatisticsOff => Applied.MemoryStatisticsOff;

    /// <summary>
    /// Whether SQLite leaves each connection and statement unguarded by a lock of its own (its multi-thread mode rather
    /// than the serialized one it is built with). Npq never uses a connection from two flows at once (a read connection
    /// is lent to one flow, the writer waits for its turn), so those locks only cost: taking and leaving them around
    /// every call into the engine was 3–4 % of a list page's CPU. SQLite's own process-wide locks (its page cache, the
    /// shared log) stay.
    /// </summary>
    public static bool ConnectionLocksOff => Applied.ConnectionLocksOff;

    private static readonly (bool MemoryStatisticsOff, bool ConnectionLocksOff) Applied = Apply();

    /// <summary>Applies the settings once per process (later calls do nothing) and says whether they took.</summary>
    public static bool Configure() => Applied.MemoryStatisticsOff && Applied.ConnectionLocksOff;

    private static (bool, bool) Apply()
    {
        SQLitePCL.Batteries_V2.Init();
        // Each is refused (SQLITE_MISUSE) when something in the process has already started the engine: the setting
        // then stays as built, which is slower, not wrong.
        var locksOff = SQLitePCL.raw.sqlite3_config(SqliteConfigMultiThread) == SqliteOk;
        var statisticsOff = SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0) == SqliteOk;
        return (statisticsOff, locksOff);
    }
}
