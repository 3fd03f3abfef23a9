namespace Npq.Data.Infrastructure;

/// <summary>
/// Process-wide settings of the SQLite engine, which SQLite accepts only before it first starts (before the first
/// connection of the process is opened), and the provider Microsoft.Data.Sqlite reaches SQLite through
/// (<see cref="SqliteReadProvider"/>). <see cref="Configure"/> applies them; the SQLite connection factory's static
/// constructor calls it, so they are set before any of Npq's connections is opened.
/// </summary>
/// <remarks>
/// SQLite stays in the serialized mode it is built with: each connection keeps a lock of its own. Its multi-thread mode
/// (no such locks) was tried for speed, 3–4 % of a list page's CPU, and a test run then died of a general protection
/// fault inside SQLite's allocator (<c>sqlite3DbMallocRawNN</c>: a connection's list of free memory corrupted, which is
/// what two threads in one connection at once do). A connection is lent to one flow at a time, but a statement left
/// for the garbage collector is finalized on its own thread, into its connection's memory, whoever is using that
/// connection then; only the connection's lock makes that safe.
/// </remarks>
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
    public static bool MemoryStatisticsOff => Applied;

    private static readonly bool Applied = Apply();

    /// <summary>Applies the settings once per process (later calls do nothing) and says whether they took.</summary>
    public static bool Configure() => Applied;

    private static bool Apply()
    {
        // Microsoft.Data.Sqlite sets SQLitePCLRaw's provider up when its connection type is first used; that is made
        // to happen first, and Npq's provider then replaces it and is frozen in place, so no later set-up undoes it.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Microsoft.Data.Sqlite.SqliteConnection).TypeHandle);
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.SetProvider(new SqliteReadProvider(new SQLitePCL.SQLite3Provider_e_sqlite3()));
        SQLitePCL.raw.FreezeProvider();
        // Refused (SQLITE_MISUSE) when something in the process has already started the engine: the setting then stays
        // as built, which is slower, not wrong.
        return SQLitePCL.raw.sqlite3_config(SqliteConfigMemStatus, 0) == SqliteOk;
    }
}
