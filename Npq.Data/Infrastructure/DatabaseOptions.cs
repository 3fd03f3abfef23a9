namespace Npq.Data.Infrastructure;

/// <summary>Which database Npq keeps its data in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> configuration section and <c>ConnectionStrings:Npq</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite, empty means a file at <see cref="SqlitePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file, relative to the app's content root unless rooted.</summary>
    public string SqlitePath { get; set; } = "App_Data/npq.db";

    /// <summary>How long a command waits for a lock or a result, in seconds.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SQLite only: how much of the database file each connection reads through memory mapping (PRAGMA mmap_size), in
    /// megabytes; 0, the default, reads each page with a system call into the connection's own page cache. SQLite caps
    /// the map (2 GB on Linux).
    /// </summary>
    /// <remarks>
    /// A write by anyone empties every reader's page cache on its next read, and a mapped reader also unmaps the whole
    /// file then and maps it again. Measured, the map gained little with no writes and cost readers beside writes (the
    /// figures are in the README's configuration table and docs/notes/issue-23.md, "Memory-mapped reads"), so the
    /// default is no map; <c>bash bench/run --only writes --sqlite-memory-map MB</c> measures a host's own answer.
    /// </remarks>
    public int SqliteMemoryMapMegabytes { get; set; }

    public const int DefaultSqlitePageCacheMegabytes = 8;

    /// <summary>
    /// SQLite only: each connection's page cache at most, in megabytes (PRAGMA cache_size; SQLite's own default is
    /// 2 MB). Unmapped, a page not in the cache is a system call and a copy: at 100,000 candidates 2 MB held too little
    /// of a cohort's report, read at 968 µs against 420 µs with 4 MB or more. The cache fills only with pages read, and
    /// any write empties it on the next read.
    /// </summary>
    public int SqlitePageCacheMegabytes { get; set; } = DefaultSqlitePageCacheMegabytes;

    /// <summary>
    /// How long a signed-in user's security stamp may be trusted without reading it again (0: read on every request).
    /// Changes made through this instance take effect at once; this bounds the delay for changes made by another.
    /// </summary>
    public int SessionCacheSeconds { get; set; } = 10;

    /// <summary>
    /// Whether the site applies pending migrations when it starts (the default, for SQLite and a single instance).
    /// With several instances set it to false and run <c>migrate</c> as a deploy step: an instance then refuses to
    /// start until the database is up to date.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQL Server only: create the database when it does not exist (this connects to <c>master</c>, which Azure SQL's
    /// contained users cannot). Off by default: the database is created once, by whoever provisions it.
    /// </summary>
    public bool CreateIfMissing { get; set; }
}
