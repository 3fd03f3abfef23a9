using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>
/// SQL Server's own parser (ScriptDom, at the SQL Server 2017 level the README promises) over a statement, and the
/// rules it cannot see by parsing alone but SQL Server refuses when it runs the statement: a column twice in one ORDER
/// BY (error 169), ORDER BY in a subquery, derived table or CTE without TOP or OFFSET (1033), TRUE and FALSE (not
/// literals in T-SQL), an aggregate straight over a BIT column (8117), a subquery inside an aggregate (130), and
/// SQLite's functions.
/// </summary>
public static class TSqlCheck
{
    private static readonly HashSet<string> SqliteFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "IFNULL", "JULIANDAY", "STRFTIME", "DATE", "DATETIME", "TIME", "UNIXEPOCH", "GROUP_CONCAT", "INSTR", "SUBSTR", "PRINTF",
        "LAST_INSERT_ROWID", "CHANGES", "TOTAL_CHANGES", "TOTAL", "RANDOM", "RANDOMBLOB", "LENGTH", "TYPEOF", "ZEROBLOB", "GLOB",
        "LIKELIHOOD", "LIKELY", "UNLIKELY", "JSON_EXTRACT", "JSON_GROUP_ARRAY", "JSON_GROUP_OBJECT", "JSON_EACH", "IIF_SQLITE",
    };

    private static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase) { "SUM", "AVG", "MAX", "MIN" };

    private static readonly HashSet<string> AllAggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "SUM", "AVG", "MAX", "MIN", "COUNT", "COUNT_BIG", "STRING_AGG", "STDEV", "STDEVP", "VAR", "VARP",
    };

    /// <summary>Parses a script; the problems found, empty when SQL Server would take it.</summary>
    public static IReadOnlyList<string> Problems(string sql, IReadOnlySet<string> bitColumns)
    {
        var parser = new TSql140Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        if (errors.Count > 0)
        {
            return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
        }

        var rules = new Rules(bitColumns);
        fragment.Accept(rules);
        return rules.Found;
    }

    /// <summary>The BIT columns the migrations create (by column name, in any table).</summary>
    public static IReadOnlySet<string> BitColumns(IEnumerable<string> scripts)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var script in scripts)
        {
            var fragment = new TSql140Parser(true).Parse(new StringReader(script), out _);
            fragment?.Accept(new BitColumnCollector(columns));
        }

        return columns;
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i]).Where(t => t.TokenType is not (TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment))
            .Select(t => t.Text.ToUpperInvariant()));

    private sealed class BitColumnCollector(HashSet<string> columns) : TSqlFragmentVisitor
    {
        public override void Visit(ColumnDefinition node)
        {
            if (node.DataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.Bit })
            {
                columns.Add(node.ColumnIdentifier.Value);
            }
        }
    }

    private sealed class Rules(IReadOnlySet<string> bitColumns) : TSqlFragmentVisitor
    {
        public List<string> Found { get; } = [];

        public override void Visit(OrderByClause node)
        {
            var seen = new HashSet<string>();
            foreach (var element in node.OrderByElements)
            {
                if (!seen.Add(Text(element.Expression)))
                {
                    Found.Add($"line {element.StartLine}: {Text(element.Expression)} is in the ORDER BY twice (SQL Server error 169)");
                }
            }
        }

        public override void Visit(QueryDerivedTable node) => NoOrderWithoutTopOrOffset(node.QueryExpression, "a derived table");

        public override void Visit(ScalarSubquery node) => NoOrderWithoutTopOrOffset(node.QueryExpression, "a subquery");

        public override void Visit(CommonTableExpression node) => NoOrderWithoutTopOrOffset(node.QueryExpression, "a common table expression");

        public override void Visit(InPredicate node)
        {
            if (node.Subquery is not null)
            {
                NoOrderWithoutTopOrOffset(node.Subquery.QueryExpression, "an IN subquery");
            }
        }

        public override void Visit(ExistsPredicate node) => NoOrderWithoutTopOrOffset(node.Subquery.QueryExpression, "an EXISTS subquery");

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is { Count: 1 } name
                && name[0].QuoteType == QuoteType.NotQuoted && name[0].Value.ToUpperInvariant() is "TRUE" or "FALSE")
            {
                Found.Add($"line {node.StartLine}: {name[0].Value} is not a literal in T-SQL: use 1 or 0");
            }
        }

        public override void Visit(FunctionCall node)
        {
            var function = node.FunctionName.Value;
            if (SqliteFunctions.Contains(function))
            {
                Found.Add($"line {node.StartLine}: {function}() is SQLite's, not SQL Server's");
            }

            if (Aggregates.Contains(function) && node.Parameters is { Count: 1 } parameters
                && parameters[0] is ColumnReferenceExpression { MultiPartIdentifier: { } column } && bitColumns.Contains(column[^1].Value))
            {
                Found.Add($"line {node.StartLine}: {function}({column[^1].Value}) aggregates a BIT column (SQL Server error 8117): cast it to INT");
            }

            if (AllAggregates.Contains(function) && node.Parameters.Any(ContainsSubquery))
            {
                Found.Add($"line {node.StartLine}: a subquery inside {function}() (SQL Server error 130): test it in a derived table and aggregate outside it");
            }
        }

        private static bool ContainsSubquery(TSqlFragment fragment)
        {
            var finder = new SubqueryFinder();
            fragment.Accept(finder);
            return finder.Found;
        }

        private sealed class SubqueryFinder : TSqlFragmentVisitor
        {
            public bool Found { get; private set; }

            public override void Visit(ScalarSubquery node) => Found = true;

            public override void Visit(InPredicate node) => Found |= node.Subquery is not null;

            public override void Visit(ExistsPredicate node) => Found = true;
        }

        private void NoOrderWithoutTopOrOffset(QueryExpression? query, string where)
        {
            if (query is QuerySpecification { OrderByClause: not null, TopRowFilter: null, OffsetClause: null } spec)
            {
                Found.Add($"line {spec.StartLine}: ORDER BY in {where} without TOP or OFFSET (SQL Server error 1033)");
            }
        }
    }
}
