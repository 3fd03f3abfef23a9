using Microsoft.Data.Sqlite;

namespace Npq.Data.Infrastructure;

/// <summary>
/// A SQLite connection its owner keeps open and lends to one flow at a time (the writer, a pooled reader): the
/// borrower's Close and Dispose give it back, once per loan, instead of closing it; only the owner ends it
/// (<see cref="CloseForGood"/>), and the finalizer never gives anything back.
/// </summary>
internal abstract class LentSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    private int _lent;

    public bool IsLent => Volatile.Read(ref _lent) == 1;

    public void Lend() => Volatile.Write(ref _lent, 1);

    public sealed override void Close() => GiveBack();

    protected sealed override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
        }
    }

    /// <summary>The borrower gave it back (called once per loan).</summary>
    protected abstract void Returned();

    /// <summary>No longer lent, without giving it back (the owner is ending it).</summary>
    protected void Unlend() => Volatile.Write(ref _lent, 0);

    /// <summary>Closes the connection itself and releases its handle.</summary>
    protected void CloseForGood()
    {
        base.Close();
        base.Dispose(true);
    }

    private void GiveBack()
    {
        if (Interlocked.Exchange(ref _lent, 0) == 1)
        {
            Returned();
        }
    }
}
