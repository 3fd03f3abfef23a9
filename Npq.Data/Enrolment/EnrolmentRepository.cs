using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>Enrolments: a candidate's place on a cohort and their mentor.</summary>
public sealed class EnrolmentRepository(IDbConnectionFactory db, CandidateFrameworks? frameworks = null, ReportChoicesCache? reportChoices = null) : IEnrolmentRepository
{
    private const string Columns = "Id, CohortId, CandidateUserId, MentorUserId, TrainingStatus, StatusReason, EnrolledUtc, Version";

    /// <summary>The enrolment's id, creating it (active) when the candidate is not yet on the cohort.</summary>
    public async Task<int> EnsureAsync(int cohortId, int candidateUserId, int? mentorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT Id FROM Enrolments WHERE CohortId = @cohortId AND CandidateUserId = @candidateUserId",
            new { cohortId, candidateUserId }, cancellationToken: cancellationToken));
        if (id is { } existing)
        {
            return existing;
        }

        var created = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO Enrolments (CohortId, CandidateUserId, MentorUserId, TrainingStatus, EnrolledUtc) VALUES (@cohortId, @candidateUserId, @mentorUserId, 'Active', @nowUtc)"
            + db.Dialect.SelectLastInsertedId,
            new { cohortId, candidateUserId, mentorUserId, nowUtc }, cancellationToken: cancellationToken));
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return created;
    }

    public async Task<CohortEnrolment?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CohortEnrolment>(new CommandDefinition(
            $"SELECT {Columns} FROM Enrolments WHERE Id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CohortEnrolment>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CohortEnrolment>(new CommandDefinition(
            $"SELECT {Columns} FROM Enrolments WHERE CandidateUserId = @candidateUserId ORDER BY EnrolledUtc", new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<CohortEnrolment>> GetForMentorAsync(int mentorUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CohortEnrolment>(new CommandDefinition(
            $"SELECT {Columns} FROM Enrolments WHERE MentorUserId = @mentorUserId ORDER BY CohortId, Id", new { mentorUserId }, cancellationToken: cancellationToken))).AsList();
    }
}
