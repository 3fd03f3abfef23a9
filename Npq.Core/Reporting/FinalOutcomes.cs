namespace Npq.Core.Reporting;

/// <summary>A released final-assessment outcome, in DfE's vocabulary.</summary>
public enum OutcomeState
{
    Passed,
    Failed,
}

/// <summary>
/// The released final-assessment outcome of one enrolment: passed or failed, the completion date DfE asks for, and
/// when the provider released it. Only released outcomes exist here; an outcome still in marking is not known.
/// </summary>
public sealed record FinalOutcome(int EnrolmentId, OutcomeState State, DateOnly CompletionDate, DateTime ReleasedUtc);

/// <summary>
/// Where reports, declarations and dashboards learn final outcomes. The final assessment feature implements it; until
/// it is registered, Npq reports "no outcome yet" for everybody (see <see cref="NoFinalOutcomes"/>).
/// </summary>
public interface IFinalOutcomeSource
{
    /// <summary>The released outcomes of these enrolments (at most one per enrolment: the latest released attempt).
    /// Enrolments without a released outcome are simply absent.</summary>
    Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default);
}

/// <summary>No released outcomes anywhere: what Npq knows before the final assessment feature is wired in.</summary>
public sealed class NoFinalOutcomes : IFinalOutcomeSource
{
    private static readonly IReadOnlyDictionary<int, FinalOutcome> Empty = new Dictionary<int, FinalOutcome>();

    public Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(Empty);
}

/// <summary>
/// Picks the registered <see cref="IFinalOutcomeSource"/> (the last one, as dependency injection does) or, while the
/// final assessment feature registers none, <see cref="NoFinalOutcomes"/>. Consumers take
/// <c>IEnumerable&lt;IFinalOutcomeSource&gt;</c> so that nothing needs registering for "no outcome yet".
/// </summary>
public static class FinalOutcomeSources
{
    public static IFinalOutcomeSource Resolve(IEnumerable<IFinalOutcomeSource> registered) =>
        registered.LastOrDefault() ?? new NoFinalOutcomes();
}
