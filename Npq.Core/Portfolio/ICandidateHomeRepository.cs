namespace Npq.Core.Portfolio;

/// <summary>
/// What the candidate's section of "/" is built from, read in one go: their current places (oldest first), their
/// latest attempt at each task, their extensions, the tasks set for each of their cohorts (with the cohort's dates,
/// earliest due first), how many evidence items they have finished and drafted, the newest feedback others wrote to
/// them, their newest progress update (with its ratings) and how many finished items show each statement.
/// </summary>
public sealed record CandidateHomeData(
    IReadOnlyList<CandidatePlacement> Placements,
    IReadOnlyList<AttemptStatus> LatestAttempts,
    IReadOnlyDictionary<int, TaskExtension> Extensions,
    IReadOnlyList<(AssessmentTask Task, TaskDates Dates)> Tasks,
    int FinishedEvidence,
    int DraftEvidence,
    IReadOnlyList<FeedbackComment> RecentFeedback,
    ProgressUpdate? LatestUpdate,
    IReadOnlyDictionary<string, int> StatementCounts);

/// <summary>
/// The candidate's home page reads (issue 23): the same rows as <see cref="IPlacementRepository.GetForCandidateAsync"/>,
/// <see cref="ITaskRepository.GetLatestAttemptsForCandidateAsync"/>, <see cref="ITaskRepository.GetExtensionsForCandidateAsync"/>,
/// <see cref="ITaskRepository.GetTasksForCohortAsync"/> (for every place), <see cref="IEvidenceRepository.GetCountsAsync"/>,
/// <see cref="IFeedbackRepository.GetRecentForCandidateAsync"/>, <see cref="IProgressRepository.GetLatestForCandidateAsync"/>
/// and <see cref="IEvidenceRepository.GetStatementCountsAsync"/>, as one command on one connection instead of ten.
/// </summary>
public interface ICandidateHomeRepository
{
    Task<CandidateHomeData> ReadAsync(int candidateUserId, int feedbackTake, CancellationToken cancellationToken = default);
}
