namespace Npq.Core.Changes;

/// <summary>
/// Writes that commit or roll back together: a change, the in-app notifications it causes and their outbox mail. Inside
/// <see cref="RunAsync{T}"/> every repository call of this flow shares one connection and one transaction (a
/// repository's own transaction becomes a savepoint within it); nothing is kept unless the whole work succeeds.
/// Implemented in Npq.Data.
/// </summary>
public interface IWriteTogether
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns and rolled back when it throws. Called
    /// again inside a unit it joins the outer one. Keep it short: on SQLite it holds the one writer for its length.
    /// </summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="action"/> once the current unit has committed (never if it rolls back), or at once when no
    /// unit is open: for what must not happen inside the transaction, such as waking a job whose store is the same
    /// database. A failure of the action is logged; the committed change stands.
    /// </summary>
    Task WhenCommittedAsync(Func<Task> action);
}

public static class WriteTogetherExtensions
{
    /// <summary><see cref="IWriteTogether.RunAsync{T}"/> for work with no result.</summary>
    public static Task RunAsync(this IWriteTogether together, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        together.RunAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
