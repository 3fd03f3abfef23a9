namespace Npq.Core.Portfolio;

/// <summary>Where Feedback data is kept (implemented in Npq.Data).</summary>
public interface IFeedbackRepository
{
    Task<int> AddAsync(FeedbackComment comment, CancellationToken cancellationToken = default);

    /// <summary>A thread, oldest message first.</summary>
    Task<IReadOnlyList<FeedbackComment>> GetThreadAsync(FeedbackTarget target, int id, CancellationToken cancellationToken = default);

    /// <summary>The newest messages others wrote to the candidate (not the candidate's own replies).</summary>
    Task<IReadOnlyList<FeedbackComment>> GetRecentForCandidateAsync(int candidateUserId, int take, CancellationToken cancellationToken = default);
}
