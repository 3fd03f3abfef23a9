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
}
