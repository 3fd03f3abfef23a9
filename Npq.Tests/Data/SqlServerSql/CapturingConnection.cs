using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>
/// A connection factory whose connections run nothing: every command's text is kept in <see cref="Statements"/> and
/// answered with empty results (no rows, as many result sets as asked for, 1 row affected, a scalar of 1). It lets
/// every repository method run with the SQL Server dialect where no SQL Server is (or with SQLite's, to collect what the
/// site sends there).
/// </summary>
public sealed class CapturingConnectionFactory(ISqlDialect? dialect = null) : IDbConnectionFactory
{
    public ConcurrentQueue<string> Statements { get; } = new();

    public ISqlDialect Dialect { get; } = dialect ?? new SqlServerDialect();

    public string ConnectionString => "Server=capturing;Database=npq";

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<DbConnection>(new CapturingConnection(Statements));

    public Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);
}

internal sealed class CapturingConnection(ConcurrentQueue<string> statements) : DbConnection
{
    private ConnectionState _state = ConnectionState.Open;

    [AllowNull]
    public override string ConnectionString { get; set; } = "Server=capturing";

    public override string Database => "npq";

    public override string DataSource => "capturing";

    public override string ServerVersion => "16.0";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName)
    {
    }

    public override void Close() => _state = ConnectionState.Closed;

    public override void Open() => _state = ConnectionState.Open;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new CapturingTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new CapturingCommand(this, statements);

    private sealed class CapturingTransaction(DbConnection connection, IsolationLevel level) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => level;

        protected override DbConnection DbConnection => connection;

        public override void Commit()
        {
        }

        public override void Rollback()
        {
        }
    }
}

internal sealed class CapturingCommand(DbConnection connection, ConcurrentQueue<string> statements) : DbCommand
{
    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; } = connection;

    protected override DbParameterCollection DbParameterCollection { get; } = new ParameterList();

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        statements.Enqueue(CommandText);
        return 1;
    }

    public override object? ExecuteScalar()
    {
        statements.Enqueue(CommandText);
        return 1;
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new Parameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        statements.Enqueue(CommandText);
        var results = new DataSet();
        for (var i = 0; i < 16; i++)
        {
            results.Tables.Add(new DataTable());
        }

        return results.CreateDataReader();
    }

    private sealed class Parameter : DbParameter
    {
        public override DbType DbType { get; set; }

        public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;

        public override bool IsNullable { get; set; }

        [AllowNull]
        public override string ParameterName { get; set; } = string.Empty;

        public override int Size { get; set; }

        [AllowNull]
        public override string SourceColumn { get; set; } = string.Empty;

        public override bool SourceColumnNullMapping { get; set; }

        public override object? Value { get; set; }

        public override void ResetDbType()
        {
        }
    }

    private sealed class ParameterList : DbParameterCollection
    {
        private readonly List<DbParameter> _items = [];

        public override int Count => _items.Count;

        public override object SyncRoot => _items;

        public override int Add(object value)
        {
            _items.Add((DbParameter)value);
            return _items.Count - 1;
        }

        public override void AddRange(Array values)
        {
            foreach (var value in values)
            {
                Add(value);
            }
        }

        public override void Clear() => _items.Clear();

        public override bool Contains(object value) => _items.Contains((DbParameter)value);

        public override bool Contains(string value) => _items.Exists(p => p.ParameterName == value);

        public override void CopyTo(Array array, int index) => ((System.Collections.ICollection)_items).CopyTo(array, index);

        public override System.Collections.IEnumerator GetEnumerator() => _items.GetEnumerator();

        public override int IndexOf(object value) => _items.IndexOf((DbParameter)value);

        public override int IndexOf(string parameterName) => _items.FindIndex(p => p.ParameterName == parameterName);

        public override void Insert(int index, object value) => _items.Insert(index, (DbParameter)value);

        public override void Remove(object value) => _items.Remove((DbParameter)value);

        public override void RemoveAt(int index) => _items.RemoveAt(index);

        public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOf(parameterName));

        protected override DbParameter GetParameter(int index) => _items[index];

        protected override DbParameter GetParameter(string parameterName) => _items[IndexOf(parameterName)];

        protected override void SetParameter(int index, DbParameter value) => _items[index] = value;

        protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOf(parameterName)] = value;
    }
}
