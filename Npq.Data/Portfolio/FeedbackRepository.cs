using Dapper;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>Feedback threads on evidence items and submissions.</summary>
public sealed class FeedbackRepository(IDbConnectionFactory db) : IFeedbackRepository
{
    internal const string Select = """
        SELECT f.Id, f.CandidateUserId, f.EvidenceId, f.SubmissionId, f.AuthorUserId, u.DisplayName AS AuthorName, f.Body, f.StatementId, f.CreatedUtc
        FROM FeedbackComments f JOIN Users u ON u.Id = f.AuthorUserId
        """;

    public async Task<int> AddAsync(FeedbackComment comment, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO FeedbackComments (CandidateUserId, EvidenceId, SubmissionId, AuthorUserId, Body, StatementId, CreatedUtc)
            VALUES (@CandidateUserId, @EvidenceId, @SubmissionId, @AuthorUserId, @Body, @StatementId, @CreatedUtc)
            """ + db.Dialect.SelectLastInsertedId, comment, cancellationToken: cancellationToken));
    }

    /// <summary>A thread's SQL: found through IX_FeedbackComments_Evidence or IX_FeedbackComments_Submission (migration 0029).</summary>
    internal static string ThreadSql(FeedbackTarget target) =>
        Select + (target == FeedbackTarget.Evidence ? " WHERE f.EvidenceId = @id" : " WHERE f.SubmissionId = @id") + " ORDER BY f.Id";

    /// <summary>A thread, oldest message first.</summary>
    public async Task<IReadOnlyList<FeedbackComment>> GetThreadAsync(FeedbackTarget target, int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FeedbackComment>(new CommandDefinition(
            ThreadSql(target), new { id }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The messages others wrote to <c>@candidateUserId</c>, newest first; the caller adds the page (<c>@Skip</c>, <c>@Take</c>).</summary>
    internal const string RecentForCandidateSql = Select + " WHERE f.CandidateUserId = @candidateUserId AND f.AuthorUserId <> @candidateUserId ORDER BY f.Id DESC";

    /// <summary>The newest messages others wrote to the candidate (not the candidate's own replies).</summary>
    public async Task<IReadOnlyList<FeedbackComment>> GetRecentForCandidateAsync(int candidateUserId, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<FeedbackComment>(new CommandDefinition(
            RecentForCandidateSql + db.Dialect.Page,
            new { candidateUserId, Skip = 0, Take = take }, cancellationToken: cancellationToken))).AsList();
    }
}
