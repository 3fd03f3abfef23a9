using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Npq.Core.Changes;

namespace Npq.Data.Infrastructure;

/// <summary>
/// The unit of work behind <see cref="IWriteTogether"/>: an ambient connection and transaction for the flow that opened
/// it. While it is open, the factory's <see cref="IDbConnectionFactory.OpenForWriteAsync"/> and
/// <see cref="IDbConnectionFactory.OpenAsync"/> lend that same connection (on SQLite the writer, already taken, so a
/// nested open never waits for itself; on SQL Server one connection, so no read waits on the unit's own locks), whose
/// disposal does nothing; a repository's <c>BeginTransaction</c> becomes a savepoint, its commit a release and its
/// rollback (or disposal uncommitted) a rollback to the savepoint. Commands get the unit's transaction whatever the
/// caller passes. Code outside a unit is untouched: no extra statement on any other write.
/// </summary>
public sealed partial class WriteTogether(IDbConnectionFactory db, ILogger<WriteTogether> logger) : IWriteTogether
{
    private static readonly AsyncLocal<Unit?> Ambient = new();

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (Current(db) is not null)
        {
            return await work(cancellationToken);
        }

        Unit unit;
        T result;
        var connection = await db.OpenForWriteAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            unit = new Unit(db, connection, transaction);
            Ambient.Value = unit;
            try
            {
                result = await work(cancellationToken);
                unit.ThrowIfDoomed();
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                await TryRollbackAsync(transaction);
                throw;
            }
            finally
            {
                unit.End();
                Ambient.Value = null;
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }

        foreach (var action in unit.Committed)
        {
            await RunCommittedAsync(action);
        }

        return result;
    }

    public Task WhenCommittedAsync(Func<Task> action)
    {
        if (Current(db) is { } unit)
        {
            unit.Committed.Add(action);
            return Task.CompletedTask;
        }

        return action();
    }

    /// <summary>Whether this flow is inside an open unit (on any database).</summary>
    internal static bool InUnit => Ambient.Value is { Ended: false };

    /// <summary>
    /// Inside an open unit of this flow (on any database), queues <paramref name="action"/> to run once it commits and
    /// returns true; otherwise false, and the caller acts at once. For what other instances or requests must not see
    /// before the commit, such as a cache forget that would let them reload the data from before it.
    /// </summary>
    internal static bool TryDeferUntilCommitted(Action action)
    {
        if (Ambient.Value is not { Ended: false } unit)
        {
            return false;
        }

        unit.Committed.Add(() =>
        {
            action();
            return Task.CompletedTask;
        });
        return true;
    }

    /// <summary>The open unit of this flow on this database, if any.</summary>
    internal static Unit? Current(IDbConnectionFactory factory) =>
        Ambient.Value is { Ended: false } unit && ReferenceEquals(unit.Factory, factory) ? unit : null;

    /// <summary>The connection to lend instead of opening one, inside a unit of this flow on this database.</summary>
    internal static bool TryJoin(IDbConnectionFactory factory, [NotNullWhen(true)] out DbConnection? connection)
    {
        connection = Current(factory)?.Joined;
        return connection is not null;
    }

    private async Task RunCommittedAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "An action after a committed write failed");
        }
    }

    private static async Task TryRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection failed with the work (a broken connection has rolled back already); the work's own error
            // is the one to report. On SQLite the writer connection is closed when given back uncommitted.
        }
    }

    internal sealed class Unit
    {
        private int _savepoints;
        private volatile bool _ended;

        public Unit(IDbConnectionFactory factory, DbConnection connection, DbTransaction transaction)
        {
            Factory = factory;
            Transaction = transaction;
            Joined = new JoinedConnection(this, connection);
        }

        public IDbConnectionFactory Factory { get; }

        public DbTransaction Transaction { get; }

        public JoinedConnection Joined { get; }

        public List<Func<Task>> Committed { get; } = [];

        public bool Ended => _ended;

        /// <summary>Set when a savepoint could not be rolled back to: the unit cannot commit what is left.</summary>
        public bool Doomed { get; set; }

        public void End() => _ended = true;

        public string NextSavepoint() => "npq_w" + Interlocked.Increment(ref _savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void ThrowIfDoomed()
        {
            if (Doomed)
            {
                throw new InvalidOperationException("Part of a unit of writes could not be undone; the whole unit is rolled back.");
            }
        }
    }
}
