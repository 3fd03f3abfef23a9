using Microsoft.Extensions.Logging;

namespace Npq.Core.Changes;

/// <summary>What changed in a record that others outside the capability may need to hear of (DfE, say).</summary>
public enum RecordChangeKind
{
    /// <summary>An application was accepted into its cohort (<see cref="RecordChange.ApplicationId"/>).</summary>
    ApplicationAccepted,

    /// <summary>An application was rejected (<see cref="RecordChange.ApplicationId"/>).</summary>
    ApplicationRejected,

    /// <summary>An enrolment was deferred, withdrawn, resumed or completed (<see cref="RecordChange.EnrolmentIds"/>, its cohort now).</summary>
    TrainingStatusChanged,

    /// <summary>A declaration was recorded as made (<see cref="RecordChange.EnrolmentIds"/>, <see cref="RecordChange.DeclarationType"/>).</summary>
    DeclarationMade,

    /// <summary>A declaration was voided (<see cref="RecordChange.DeclarationId"/>).</summary>
    DeclarationVoided,

    /// <summary>Final outcomes of the cohort were released (<see cref="RecordChange.CandidateUserIds"/>).</summary>
    OutcomesReleased,
}

/// <summary>One change, by ids only: the listener reads what it needs through its own use cases.</summary>
public sealed record RecordChange(RecordChangeKind Kind, int CohortId)
{
    public int? ProviderId { get; init; }
    public int? ApplicationId { get; init; }
    public string? DfeApplicationId { get; init; }
    public IReadOnlyList<int> EnrolmentIds { get; init; } = [];

    /// <summary>The candidates concerned, where the change knows them rather than their enrolments.</summary>
    public IReadOnlyList<int> CandidateUserIds { get; init; } = [];
    public int? DeclarationId { get; init; }

    /// <summary>DfE's name of the declaration type ("started", "retained-1", …).</summary>
    public string? DeclarationType { get; init; }
}

/// <summary>
/// Hears of changes made through Npq's own use cases once they are stored. Owned by Core so that the capability where a
/// change happens (Enrolment, Reporting, FinalAssessment) knows nothing of who listens; a listener registers itself.
/// </summary>
public interface IRecordChangeListener
{
    Task OnChangedAsync(RecordChange change, CancellationToken cancellationToken = default);
}

public static class RecordChanges
{
    /// <summary>
    /// Tells every listener. The change is already stored, so a listener that fails is logged and the others still
    /// hear: the person who made the change is not told it failed when it did not.
    /// </summary>
    public static async Task PublishAsync(this IEnumerable<IRecordChangeListener> listeners, RecordChange change, ILogger logger, CancellationToken cancellationToken = default)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnChangedAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Listener {Listener} failed on {ChangeKind} of cohort {CohortId}", listener.GetType().Name, change.Kind, change.CohortId);
            }
        }
    }
}
