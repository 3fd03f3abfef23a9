using System.Data.Common;
using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>Writes a checked import: every row in one transaction, so a failure part-way leaves nothing behind.</summary>
public sealed class ImportRepository(IDbConnectionFactory db, CandidateFrameworks? frameworks = null, ReportChoicesCache? reportChoices = null) : IImportRepository
{
    /// <summary>Stores the applications (the applicant id of each is filled in from its person).</summary>
    public async Task<int> ImportApplicationsAsync(IReadOnlyList<(ImportedPerson Person, Application Application)> rows, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (person, application) in rows)
        {
            var userId = await EnsurePersonAsync(connection, transaction, person, nowUtc, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                ApplicationRepository.InsertSql, ApplicationRepository.Parameters(application with { ApplicantUserId = userId }), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// Enrols each person (active) with their mentor, under each cohort's lock. Returns null when done, or the id of a
    /// cohort that had no place left (nothing is written then).
    /// </summary>
    public async Task<int?> ImportEnrolmentsAsync(IReadOnlyList<(ImportedPerson Person, int CohortId, int? MentorUserId)> rows, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var cohortId in rows.Select(r => r.CohortId).Distinct().Order())
        {
            await CohortLock.TakeAsync(connection, transaction, cohortId, cancellationToken);
        }

        foreach (var (person, cohortId, mentorUserId) in rows)
        {
            var userId = await EnsurePersonAsync(connection, transaction, person, nowUtc, cancellationToken);
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO Enrolments (CohortId, CandidateUserId, MentorUserId, TrainingStatus, EnrolledUtc)
                SELECT @cohortId, @userId, @mentorUserId, 'Active', @nowUtc
                WHERE (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId AND TrainingStatus <> 'Withdrawn')
                    < (SELECT Capacity FROM Cohorts WHERE Id = @cohortId)
                  AND NOT EXISTS (SELECT 1 FROM Enrolments WHERE CohortId = @cohortId AND CandidateUserId = @userId)
                """,
                new { cohortId, userId, mentorUserId, nowUtc }, transaction, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                return cohortId;
            }

            var enrolmentId = await connection.QuerySingleAsync<int>(new CommandDefinition(
                "SELECT Id FROM Enrolments WHERE CohortId = @cohortId AND CandidateUserId = @userId", new { cohortId, userId }, transaction, cancellationToken: cancellationToken));
            await EnrolmentHistoryWriter.AppendAsync(connection, transaction, enrolmentId, "Imported", actorUserId, nowUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return null;
    }

    private async Task<int> EnsurePersonAsync(DbConnection connection, DbTransaction transaction, ImportedPerson person, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var normalized = person.Email.ToUpperInvariant();
        var id = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT Id FROM Users WHERE NormalizedEmail = @normalized", new { normalized }, transaction, cancellationToken: cancellationToken));
        if (id is { } existing)
        {
            return existing;
        }

        var newId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO Users (Email, NormalizedEmail, DisplayName, PasswordHash, SecurityStamp, ConcurrencyStamp, EmailConfirmed,
                               LockoutEnabled, AccessFailedCount, IsActive, ProviderId, TimeZoneConfirmed, CreatedUtc)
            VALUES (@Email, @normalized, @DisplayName, NULL, @stamp, @concurrency, 0, 1, 0, 1, @ProviderId, 0, @nowUtc)
            """ + db.Dialect.SelectLastInsertedId,
            new { person.Email, normalized, person.DisplayName, stamp = Guid.NewGuid().ToString("N"), concurrency = Guid.NewGuid().ToString("N"), person.ProviderId, nowUtc },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO UserRoles (UserId, RoleId) SELECT @newId, Id FROM Roles WHERE NormalizedName = 'CANDIDATE'", new { newId }, transaction, cancellationToken: cancellationToken));
        return newId;
    }
}
