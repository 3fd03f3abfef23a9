using Npq.Core.Changes;

namespace Npq.Tests.Support;

/// <summary>
/// A unit-test <see cref="IWriteTogether"/> for use cases whose repositories are mocks: runs the work as it is and the
/// after-commit actions once it returns (none when it throws), and counts the units, so a test can show which writes
/// the use case put in one.
/// </summary>
public sealed class InlineWrites : IWriteTogether
{
    private List<Func<Task>>? _committed;

    public int Units { get; private set; }

    public bool InUnit => _committed is not null;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_committed is not null)
        {
            return await work(cancellationToken);
        }

        Units++;
        _committed = [];
        T result;
        List<Func<Task>> actions;
        try
        {
            result = await work(cancellationToken);
        }
        finally
        {
            actions = _committed;
            _committed = null;
        }

        foreach (var action in actions)
        {
            await action();
        }

        return result;
    }

    public Task WhenCommittedAsync(Func<Task> action)
    {
        if (_committed is null)
        {
            return action();
        }

        _committed.Add(action);
        return Task.CompletedTask;
    }
}
