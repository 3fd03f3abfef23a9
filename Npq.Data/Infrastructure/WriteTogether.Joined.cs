using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Npq.Data.Infrastructure;

/// <summary>The connection, transaction and command a unit of writes lends to the repositories that run inside it.</summary>
public sealed partial class WriteTogether
{
    /// <summary>The unit's connection as lent to a repository: opening, closing and disposing it do nothing.</summary>
    internal sealed class JoinedConnection(Unit unit, DbConnection inner) : DbConnection
    {
        public DbConnection Inner => inner;

        [AllowNull]
        public override string ConnectionString
        {
            get => inner.ConnectionString;
            set => throw new NotSupportedException("A joined connection cannot be re-pointed.");
        }

        public override string Database => inner.Database;

        public override string DataSource => inner.DataSource;

        public override string ServerVersion => inner.ServerVersion;

        public override ConnectionState State => unit.Ended ? ConnectionState.Closed : inner.State;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Open() => EnsureOpen();

        public override Task OpenAsync(CancellationToken cancellationToken)
        {
            EnsureOpen();
            return Task.CompletedTask;
        }

        public override void Close()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
        {
            EnsureOpen();
            return new JoinedTransaction(unit, this);
        }

        protected override DbCommand CreateDbCommand()
        {
            EnsureOpen();
            return new JoinedCommand(this, unit, inner.CreateCommand());
        }

        private void EnsureOpen()
        {
            if (unit.Ended)
            {
                throw new InvalidOperationException("The unit of writes this connection belonged to has ended.");
            }
        }
    }

    /// <summary>A repository's transaction inside the unit: a savepoint of the unit's transaction.</summary>
    internal sealed class JoinedTransaction : DbTransaction
    {
        private readonly Unit _unit;
        private readonly JoinedConnection _connection;
        private readonly string _savepoint;
        private bool _finished;

        public JoinedTransaction(Unit unit, JoinedConnection connection)
        {
            _unit = unit;
            _connection = connection;
            _savepoint = unit.NextSavepoint();
            unit.Transaction.Save(_savepoint);
        }

        public override IsolationLevel IsolationLevel => _unit.Transaction.IsolationLevel;

        protected override DbConnection DbConnection => _connection;

        public override bool SupportsSavepoints => false;

        public override void Commit()
        {
            if (_finished)
            {
                throw new InvalidOperationException("This transaction has already been committed or rolled back.");
            }

            _finished = true;
            _unit.Transaction.Release(_savepoint);
        }

        public override void Rollback()
        {
            if (_finished)
            {
                throw new InvalidOperationException("This transaction has already been committed or rolled back.");
            }

            _finished = true;
            try
            {
                _unit.Transaction.Rollback(_savepoint);
            }
            catch
            {
                _unit.Doomed = true;
                throw;
            }
        }

        public override Task CommitAsync(CancellationToken cancellationToken = default)
        {
            Commit();
            return Task.CompletedTask;
        }

        public override Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            Rollback();
            return Task.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_finished && !_unit.Ended)
            {
                // Left uncommitted (an error, or nothing worth keeping): undo this part only, as a transaction of its own would be.
                try
                {
                    Rollback();
                }
                catch (Exception)
                {
                    // Doomed: the unit rolls back as a whole.
                }
            }

            _finished = true;
        }

        public override ValueTask DisposeAsync()
        {
            Dispose(true);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A command on the joined connection: it always runs in the unit's transaction.</summary>
    internal sealed class JoinedCommand(JoinedConnection connection, Unit unit, DbCommand inner) : DbCommand
    {
        private DbTransaction? _transaction;

        [AllowNull]
        public override string CommandText
        {
            get => inner.CommandText;
            set => inner.CommandText = value;
        }

        public override int CommandTimeout
        {
            get => inner.CommandTimeout;
            set => inner.CommandTimeout = value;
        }

        public override CommandType CommandType
        {
            get => inner.CommandType;
            set => inner.CommandType = value;
        }

        public override bool DesignTimeVisible
        {
            get => inner.DesignTimeVisible;
            set => inner.DesignTimeVisible = value;
        }

        public override UpdateRowSource UpdatedRowSource
        {
            get => inner.UpdatedRowSource;
            set => inner.UpdatedRowSource = value;
        }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (value is not null && !ReferenceEquals(value, connection))
                {
                    throw new InvalidOperationException("A command of a unit of writes runs on the unit's connection only.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => _transaction;
            set => _transaction = value;
        }

        public override void Cancel() => inner.Cancel();

        public override void Prepare()
        {
            Bind();
            inner.Prepare();
        }

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        public override int ExecuteNonQuery()
        {
            Bind();
            return inner.ExecuteNonQuery();
        }

        public override object? ExecuteScalar()
        {
            Bind();
            return inner.ExecuteScalar();
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Bind();
            return inner.ExecuteReader(behavior);
        }

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
        {
            Bind();
            return inner.ExecuteNonQueryAsync(cancellationToken);
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
        {
            Bind();
            return inner.ExecuteScalarAsync(cancellationToken);
        }

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            Bind();
            return inner.ExecuteReaderAsync(behavior, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Bind()
        {
            if (unit.Ended)
            {
                throw new InvalidOperationException("The unit of writes this command belonged to has ended.");
            }

            inner.Transaction = unit.Transaction;
        }
    }
}
