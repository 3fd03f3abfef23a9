namespace Npq.Data.Infrastructure;

/// <summary>The few places where SQLite and SQL Server speak differently. Everything else is written once.</summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>Appended to an INSERT to select the new row's identity.</summary>
    string SelectLastInsertedId { get; }

    /// <summary>Limit and offset after an ORDER BY, with parameters @Take and @Skip.</summary>
    string Page { get; }

    /// <summary>
    /// How many rows <paramref name="fromWhere"/> (FROM … WHERE …) finds, counting no further than the value of
    /// <paramref name="limitParameter"/>: a count that stops, so a page's "of N" never reads a big provider's every row.
    /// </summary>
    string CountUpTo(string fromWhere, string limitParameter);

    /// <summary>Case-insensitive LIKE on a column, matched against parameter <paramref name="parameter"/>.</summary>
    string ContainsIgnoreCase(string column, string parameter);

    /// <summary>
    /// <paramref name="text"/> taken literally inside a LIKE pattern that says <c>ESCAPE '\'</c> (as
    /// <see cref="ContainsIgnoreCase"/> does): the escape itself, <c>%</c>, <c>_</c> and, on SQL Server, <c>[</c>.
    /// </summary>
    string EscapeLike(string text);

    /// <summary>
    /// The column compared and ordered without regard to case, as LIKE compares it, so that an index built that way
    /// serves a LIKE prefix and its order: SQLite's NOCASE; on SQL Server the column itself (the database's collation).
    /// </summary>
    string IgnoringCase(string column);

    /// <summary>
    /// The integers of a JSON array held by <paramref name="parameter"/> (<c>"[3,7]"</c>) as a one-column query, for
    /// <c>IN (…)</c>: one parameter however many values.
    /// </summary>
    string IntsOfJsonArray(string parameter);

    /// <summary>The strings of a JSON array held by <paramref name="parameter"/> (<c>["a","b"]</c>) as a one-column query, for <c>IN (…)</c>.</summary>
    string TextsOfJsonArray(string parameter);

    /// <summary>
    /// <paramref name="value"/> as a text literal written into SQL, its quotes doubled (SQL Server's is Unicode,
    /// <c>N'…'</c>): for a fixed list compiled once with its statement, never for what a user typed.
    /// </summary>
    string TextLiteral(string value);

    /// <summary>
    /// After a table in FROM: walk it by <paramref name="index"/>, for a page found by walking an index in its order and
    /// stopping. SQLite's planner, with statistics for some indexes and none for a newer one, may prefer sorting every
    /// row to the walk (SQLite: <c>INDEXED BY</c>); SQL Server's plans a row goal for the page itself (nothing).
    /// </summary>
    string WalkedBy(string index);

    /// <summary>
    /// The sort key of a walk's arm whose rows have none (a report sorted by school: the candidates with no school),
    /// given the walked index's column that is NULL on every row of it. SQLite reads the arm in the index's order only
    /// when the key is that column (a literal NULL has it sort every row); SQL Server's UNION would convert the other
    /// arm's text to the column's type, so it gets a NULL of no type, as before.
    /// </summary>
    string NoKey(string nullColumn);
}

public sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string SelectLastInsertedId => "; SELECT last_insert_rowid();";

    /// <remarks>
    /// The unary plus keeps the statement compiled: SQLite (3.53, as bundled) plans with a LIMIT's bound value when the
    /// limit is a bare parameter, so binding it marks the statement for compiling again, and every paged list was parsed
    /// and planned on every request despite the statements each read connection keeps. <c>+@Take</c> is the same number
    /// to the engine, planned as "some limit" (as every SQLite before that did).
    /// </remarks>
    public string Page => " LIMIT +@Take OFFSET +@Skip";

    public string CountUpTo(string fromWhere, string limitParameter) => $"SELECT COUNT(*) FROM (SELECT 1 AS One {fromWhere} LIMIT +{limitParameter}) counted";

    public string ContainsIgnoreCase(string column, string parameter) => $"{column} LIKE '%' || {parameter} || '%' ESCAPE '\\'";

    public string EscapeLike(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    public string IgnoringCase(string column) => column + " COLLATE NOCASE";

    public string IntsOfJsonArray(string parameter) => $"SELECT value FROM json_each({parameter})";

    public string TextsOfJsonArray(string parameter) => $"SELECT value FROM json_each({parameter})";

    public string TextLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string WalkedBy(string index) => $" INDEXED BY {index}";

    public string NoKey(string nullColumn) => nullColumn;
}

public sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string SelectLastInsertedId => "; SELECT CAST(SCOPE_IDENTITY() AS int);";

    public string Page => " OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public string CountUpTo(string fromWhere, string limitParameter) => $"SELECT COUNT(*) FROM (SELECT TOP ({limitParameter}) 1 AS One {fromWhere}) counted";

    public string ContainsIgnoreCase(string column, string parameter) => $"{column} LIKE '%' + {parameter} + '%' ESCAPE '\\'";

    public string EscapeLike(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal);

    public string IgnoringCase(string column) => column;

    public string IntsOfJsonArray(string parameter) => $"SELECT CAST(value AS int) FROM OPENJSON({parameter})";

    public string TextsOfJsonArray(string parameter) => $"SELECT value FROM OPENJSON({parameter})";

    public string TextLiteral(string value) => "N'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string WalkedBy(string index) => string.Empty;

    public string NoKey(string nullColumn) => "NULL";
}
