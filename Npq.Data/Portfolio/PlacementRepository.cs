using Dapper;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>Candidates' places on cohorts, as the candidate, their mentor or their headteacher sees them.</summary>
public sealed class PlacementRepository(IDbConnectionFactory db, CandidateFrameworks? frameworks = null) : IPlacementRepository
{
    /// <summary>
    /// A place with everything the portfolio pages show about it (also read by <see cref="CandidateHomeRepository"/>,
    /// <see cref="MenteeCaseloadRepository"/> and <see cref="SchoolPageRepository"/>), read by position
    /// (<see cref="PlacementReader"/>): a column added here is added there, in the same place.
    /// </summary>
    internal const string Select = "SELECT " + Columns + "\n" + From;

    /// <summary>The columns of <see cref="Select"/>, for a statement that reads more of each place after them.</summary>
    internal const string Columns = """
        e.Id AS EnrolmentId, e.CandidateUserId, c.DisplayName AS CandidateName, ch.Id AS CohortId, ch.Name AS CohortName,
               ch.TimeZone AS CohortZone, ch.StartDate AS CohortStart, co.Id AS CourseId, co.Name AS CourseName, co.FrameworkCode,
               e.MentorUserId, m.DisplayName AS MentorName, s.Name AS SchoolName,
               e.TrainingStatus, ch.EndDate AS CohortEnd,
               CASE WHEN EXISTS (SELECT 1 FROM MarkingScripts r WHERE r.CohortId = e.CohortId AND r.CandidateUserId = e.CandidateUserId
                                 AND r.ReleasedUtc IS NOT NULL AND r.FinalOutcome IS NOT NULL) THEN 1 ELSE 0 END AS OutcomeReleased
        """;

    /// <summary>The tables of <see cref="Select"/>.</summary>
    internal const string From = """
        FROM Enrolments e
        JOIN Users c ON c.Id = e.CandidateUserId
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        LEFT JOIN Users m ON m.Id = e.MentorUserId
        LEFT JOIN Schools s ON s.Id = c.SchoolId
        """;

    /// <summary>The candidate's current places (active or deferred), oldest first: <c>@candidateUserId</c>.</summary>
    internal const string ForCandidateSql = Select + " WHERE e.CandidateUserId = @candidateUserId AND e.TrainingStatus <> 'Withdrawn' ORDER BY e.EnrolledUtc, e.Id";

    /// <summary>The candidate's current places (active or deferred), oldest first.</summary>
    public async Task<IReadOnlyList<CandidatePlacement>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            ForCandidateSql,
            new { candidateUserId }, cancellationToken: cancellationToken));
        return await reader.ReadAllAsync(PlacementReader.Read, cancellationToken);
    }

    /// <summary>
    /// The framework of the candidate's current (first) place, or null: all a form needs to check statements. Read
    /// through <see cref="CandidateFrameworks"/> when there is one.
    /// </summary>
    public async Task<string?> GetFrameworkCodeAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        if (frameworks is null)
        {
            return await ReadFrameworkCodeAsync(candidateUserId, cancellationToken);
        }

        return await frameworks.GetAsync(candidateUserId, ReadFrameworkCodeAsync, cancellationToken);
    }

    private async Task<string?> ReadFrameworkCodeAsync(int candidateUserId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT co.FrameworkCode FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE e.CandidateUserId = @candidateUserId AND e.TrainingStatus <> 'Withdrawn' ORDER BY e.EnrolledUtc, e.Id
            """ + db.Dialect.Page, new { candidateUserId, Skip = 0, Take = 1 }, cancellationToken: cancellationToken));
    }

    /// <summary>Every candidate on a cohort of the admin's provider.</summary>
    public async Task<IReadOnlyList<CandidatePlacement>> GetForProviderAdminAsync(int adminUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            Select + """
                 JOIN Users a ON a.ProviderId = co.ProviderId
                 WHERE a.Id = @adminUserId AND e.TrainingStatus <> 'Withdrawn'
                 ORDER BY ch.Name, c.DisplayName
                """,
            new { adminUserId }, cancellationToken: cancellationToken));
        return await reader.ReadAllAsync(PlacementReader.Read, cancellationToken);
    }
}
