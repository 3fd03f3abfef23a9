using Dapper;
using Npq.Core.Dfe;
using Npq.Data.Infrastructure;

namespace Npq.Data.Dfe;

/// <summary>What was last pulled from DfE, kept per provider with DfE's ids as opaque strings, and its links to Npq's rows.</summary>
public sealed class DfeMirrorRepository(IDbConnectionFactory db) : IDfeMirrorRepository
{
    public Task UpsertApplicationAsync(int providerId, DfeApplicationData a, int? npqApplicationId, string? problem, CancellationToken cancellationToken = default) =>
        UpsertAsync(
            """
            UPDATE DfeApplications SET ParticipantId = @ParticipantId, CourseIdentifier = @CourseIdentifier, Cohort = @Cohort, FullName = @FullName, Email = @Email,
                   Trn = @Trn, Status = @Status, FundingChoice = @FundingChoice, EligibleForFunding = @EligibleForFunding, FundedPlace = @FundedPlace,
                   IneligibleReason = @IneligibleReason, UpdatedAt = @UpdatedAt, NpqApplicationId = @npqApplicationId, Problem = @problem
            WHERE ProviderId = @providerId AND DfeApplicationId = @Id
            """,
            """
            INSERT INTO DfeApplications (ProviderId, DfeApplicationId, ParticipantId, CourseIdentifier, Cohort, FullName, Email, Trn, Status, FundingChoice,
                                         EligibleForFunding, FundedPlace, IneligibleReason, UpdatedAt, NpqApplicationId, Problem)
            VALUES (@providerId, @Id, @ParticipantId, @CourseIdentifier, @Cohort, @FullName, @Email, @Trn, @Status, @FundingChoice,
                    @EligibleForFunding, @FundedPlace, @IneligibleReason, @UpdatedAt, @npqApplicationId, @problem)
            """,
            new
            {
                providerId, a.Id, a.ParticipantId, a.CourseIdentifier, Cohort = a.Cohort + a.CohortSuffix, a.FullName, a.Email, a.Trn, a.Status, a.FundingChoice,
                EligibleForFunding = a.EligibleForFunding ? 1 : 0, FundedPlace = a.FundedPlace is null ? (int?)null : a.FundedPlace.Value ? 1 : 0,
                a.IneligibleReason, a.UpdatedAt, npqApplicationId, problem,
            },
            cancellationToken);

    private const string ApplicationsSql = """
        SELECT d.DfeApplicationId, d.ParticipantId, d.CourseIdentifier, d.Cohort, d.FullName, d.Status, d.FundingChoice, d.EligibleForFunding, d.FundedPlace,
               d.IneligibleReason, d.UpdatedAt, d.NpqApplicationId, a.Status AS NpqStatus, a.IsEligible AS NpqEligible, a.EligibilityReason AS NpqEligibilityReason, d.Problem
        FROM DfeApplications d
        LEFT JOIN Applications a ON a.Id = d.NpqApplicationId
        WHERE d.ProviderId = @providerId
        ORDER BY d.UpdatedAt DESC, d.DfeApplicationId
        """;

    public async Task<IReadOnlyList<DfePulledApplication>> GetApplicationsAsync(int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.PulledApplication>(new CommandDefinition(ApplicationsSql, new { providerId }, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
    }

    /// <summary>A page in IX_DfeApplications_Updated's order (migration 0038): the page is read, not the provider's every application sorted.</summary>
    public async Task<(int Total, IReadOnlyList<DfePulledApplication> Rows)> GetApplicationsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM DfeApplications WHERE ProviderId = @providerId", new { providerId }, cancellationToken: cancellationToken));
        var rows = total == 0 ? [] : (await connection.QueryAsync<DfeRows.PulledApplication>(new CommandDefinition(
            ApplicationsSql + db.Dialect.Page, new { providerId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
        return (total, rows);
    }

    public async Task<int?> FindNpqApplicationAsync(int providerId, string dfeApplicationId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT MIN(a.Id) FROM Applications a
            JOIN Cohorts ch ON ch.Id = a.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE co.ProviderId = @providerId AND a.DfeApplicationId = @dfeApplicationId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { providerId, dfeApplicationId }, cancellationToken: cancellationToken));
    }

    public async Task<string?> FindEmailByTrnAsync(int providerId, string trn, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT MIN(u.Email) FROM Applications a
            JOIN Users u ON u.Id = a.ApplicantUserId
            JOIN Cohorts ch ON ch.Id = a.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE co.ProviderId = @providerId AND a.Trn = @trn
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, new { providerId, trn }, cancellationToken: cancellationToken));
    }

    public async Task<int?> ProviderOfCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT co.ProviderId FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE ch.Id = @cohortId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DfeCohort>> GetCohortsAsync(int providerId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ch.Id AS CohortId, ch.Name, co.Identifier AS CourseIdentifier, ch.StartYear, ch.Suffix, ch.TimeZone
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE co.ProviderId = @providerId
            ORDER BY ch.StartYear DESC, co.Identifier, ch.Name
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.Cohort>(new CommandDefinition(sql, new { providerId }, cancellationToken: cancellationToken)))
            .Select(r => new DfeCohort(r.CohortId, r.Name, r.CourseIdentifier, r.StartYear, r.Suffix, r.TimeZone)).ToList();
    }

    public async Task<DfeCohort?> GetCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ch.Id AS CohortId, ch.Name, co.Identifier AS CourseIdentifier, ch.StartYear, ch.Suffix, ch.TimeZone
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE ch.Id = @cohortId AND co.ProviderId = @providerId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DfeRows.Cohort>(new CommandDefinition(sql, new { providerId, cohortId }, cancellationToken: cancellationToken))
            is { } r ? new DfeCohort(r.CohortId, r.Name, r.CourseIdentifier, r.StartYear, r.Suffix, r.TimeZone) : null;
    }

    public async Task<(int Total, IReadOnlyList<DfeCohort> Rows)> GetCohortsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ch.Id AS CohortId, ch.Name, co.Identifier AS CourseIdentifier, ch.StartYear, ch.Suffix, ch.TimeZone
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE co.ProviderId = @providerId
            ORDER BY ch.StartYear DESC, co.Identifier, ch.Name, ch.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE co.ProviderId = @providerId",
            new { providerId }, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<DfeRows.Cohort>(new CommandDefinition(sql + db.Dialect.Page, new { providerId, Skip = skip, Take = take }, cancellationToken: cancellationToken)))
            .Select(r => new DfeCohort(r.CohortId, r.Name, r.CourseIdentifier, r.StartYear, r.Suffix, r.TimeZone)).ToList();
        return (total, rows);
    }

    public async Task UpsertParticipantAsync(int providerId, DfeParticipantData participant, CancellationToken cancellationToken = default)
    {
        foreach (var e in participant.Enrolments)
        {
            await UpsertAsync(
                """
                UPDATE DfeParticipants SET DfeApplicationId = @ApplicationId, TrainingStatus = @TrainingStatus, UpdatedAt = @UpdatedAt
                WHERE ProviderId = @providerId AND ParticipantId = @Id AND CourseIdentifier = @CourseIdentifier
                """,
                """
                INSERT INTO DfeParticipants (ProviderId, ParticipantId, CourseIdentifier, DfeApplicationId, TrainingStatus, UpdatedAt)
                VALUES (@providerId, @Id, @CourseIdentifier, @ApplicationId, @TrainingStatus, @UpdatedAt)
                """,
                new { providerId, participant.Id, e.CourseIdentifier, e.ApplicationId, e.TrainingStatus, participant.UpdatedAt },
                cancellationToken);
        }
    }

    public async Task<int> ReplaceParticipantIdAsync(int providerId, string from, string to, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Applications SET DfeParticipantId = @to
            WHERE DfeParticipantId = @from
              AND CohortId IN (SELECT ch.Id FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE co.ProviderId = @providerId)
            """, new { providerId, from, to }, transaction, cancellationToken: cancellationToken));
        foreach (var table in new[] { "DfeApplications", "DfeDeclarations", "DfeOutcomes" })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table} SET ParticipantId = @to WHERE ProviderId = @providerId AND ParticipantId = @from", new { providerId, from, to }, transaction, cancellationToken: cancellationToken));
        }

        // The old id's enrolments are the new id's now; DfE's next answer about the new id replaces them.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DfeParticipants WHERE ProviderId = @providerId AND ParticipantId = @from", new { providerId, from }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public Task UpsertDeclarationAsync(int providerId, DfeDeclarationData d, CancellationToken cancellationToken = default) =>
        UpsertAsync(
            """
            UPDATE DfeDeclarations SET ParticipantId = @ParticipantId, CourseIdentifier = @CourseIdentifier, DeclarationType = @DeclarationType,
                   DeclarationDate = @DeclarationDate, State = @State, StatementId = @StatementId, ClawbackStatementId = @ClawbackStatementId, UpdatedAt = @UpdatedAt
            WHERE ProviderId = @providerId AND DfeDeclarationId = @Id
            """,
            """
            INSERT INTO DfeDeclarations (ProviderId, DfeDeclarationId, ParticipantId, CourseIdentifier, DeclarationType, DeclarationDate, State, StatementId, ClawbackStatementId, UpdatedAt)
            VALUES (@providerId, @Id, @ParticipantId, @CourseIdentifier, @DeclarationType, @DeclarationDate, @State, @StatementId, @ClawbackStatementId, @UpdatedAt)
            """,
            new { providerId, d.Id, d.ParticipantId, d.CourseIdentifier, d.DeclarationType, d.DeclarationDate, d.State, d.StatementId, d.ClawbackStatementId, d.UpdatedAt },
            cancellationToken);

    public async Task SetNpqDeclarationDfeIdAsync(int declarationId, string dfeDeclarationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Declarations SET DfeDeclarationId = @dfeDeclarationId WHERE Id = @declarationId", new { declarationId, dfeDeclarationId }, cancellationToken: cancellationToken));
    }

    public Task UpsertOutcomeAsync(int providerId, DfeOutcomeData o, CancellationToken cancellationToken = default) =>
        UpsertAsync(
            """
            UPDATE DfeOutcomes SET ParticipantId = @ParticipantId, CourseIdentifier = @CourseIdentifier, State = @State, CompletionDate = @CompletionDate
            WHERE ProviderId = @providerId AND DfeOutcomeId = @Id
            """,
            """
            INSERT INTO DfeOutcomes (ProviderId, DfeOutcomeId, ParticipantId, CourseIdentifier, State, CompletionDate)
            VALUES (@providerId, @Id, @ParticipantId, @CourseIdentifier, @State, @CompletionDate)
            """,
            new { providerId, o.Id, o.ParticipantId, o.CourseIdentifier, o.State, o.CompletionDate },
            cancellationToken);

    public Task UpsertStatementAsync(int providerId, DfeStatementData s, CancellationToken cancellationToken = default) =>
        UpsertAsync(
            """
            UPDATE DfeStatements SET Month = @Month, Year = @Year, Cohort = @Cohort, PaymentDate = @PaymentDate, Paid = @Paid
            WHERE ProviderId = @providerId AND DfeStatementId = @Id
            """,
            """
            INSERT INTO DfeStatements (ProviderId, DfeStatementId, Month, Year, Cohort, PaymentDate, Paid)
            VALUES (@providerId, @Id, @Month, @Year, @Cohort, @PaymentDate, @Paid)
            """,
            new { providerId, s.Id, s.Month, s.Year, s.Cohort, s.PaymentDate, Paid = s.Paid ? 1 : 0 },
            cancellationToken);

    public async Task<DfeView> GetViewAsync(int providerId, IReadOnlyCollection<string> participantIds, CancellationToken cancellationToken = default)
    {
        var ids = participantIds.ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        var args = new { providerId, ids };
        var enrolments = ids.Count == 0 ? [] : (await connection.QueryAsync<DfeRows.Enrolment>(new CommandDefinition(
            "SELECT ParticipantId, CourseIdentifier, TrainingStatus, UpdatedAt FROM DfeParticipants WHERE ProviderId = @providerId AND ParticipantId IN @ids",
            args, cancellationToken: cancellationToken))).Select(r => new DfeEnrolmentState(r.ParticipantId, r.CourseIdentifier, r.TrainingStatus, r.UpdatedAt)).ToList();
        var declarations = ids.Count == 0 ? [] : (await connection.QueryAsync<DfeRows.Declaration>(new CommandDefinition(
            """
            SELECT DfeDeclarationId AS Id, ParticipantId, CourseIdentifier, DeclarationType, DeclarationDate, State, StatementId, ClawbackStatementId, UpdatedAt
            FROM DfeDeclarations WHERE ProviderId = @providerId AND ParticipantId IN @ids ORDER BY UpdatedAt
            """, args, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
        var outcomes = ids.Count == 0 ? [] : (await connection.QueryAsync<DfeRows.Outcome>(new CommandDefinition(
            "SELECT DfeOutcomeId AS Id, ParticipantId, CourseIdentifier, State, CompletionDate FROM DfeOutcomes WHERE ProviderId = @providerId AND ParticipantId IN @ids",
            args, cancellationToken: cancellationToken))).Select(r => new DfeOutcomeData(r.Id, r.ParticipantId, r.CourseIdentifier, r.State, r.CompletionDate)).ToList();
        var statements = (await connection.QueryAsync<DfeRows.Statement>(new CommandDefinition(
            "SELECT DfeStatementId AS Id, Month, Year, Cohort, PaymentDate, Paid FROM DfeStatements WHERE ProviderId = @providerId",
            args, cancellationToken: cancellationToken))).Select(r => new DfeStatementData(r.Id, r.Month, r.Year, r.Cohort, r.PaymentDate, r.Paid)).ToList();
        var applications = await GetApplicationsAsync(providerId, cancellationToken);
        return new DfeView(enrolments, declarations, outcomes, statements, applications);
    }

    public Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksAsync(int cohortId, CancellationToken cancellationToken = default) =>
        LinksAsync(cohortId, "JOIN", cancellationToken);

    public async Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksAsync(int cohortId, IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        var links = new List<DfeEnrolmentLink>();

        // SQL Server takes at most 2,100 parameters in one command.
        foreach (var ids in enrolmentIds.Distinct().Order().Chunk(1000))
        {
            links.AddRange(await LinksAsync(cohortId, "JOIN", cancellationToken, ids));
        }

        return links;
    }

    public Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksOrBareAsync(int cohortId, CancellationToken cancellationToken = default) =>
        LinksAsync(cohortId, "LEFT JOIN", cancellationToken);

    public async Task LinkEnrolmentAsync(int enrolmentId, string participantId, string applicationId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string update = """
            UPDATE Applications SET DfeParticipantId = @participantId, DfeApplicationId = @applicationId
            WHERE Id = (SELECT MAX(a.Id) FROM Applications a JOIN Enrolments e ON e.CandidateUserId = a.ApplicantUserId AND e.CohortId = a.CohortId
                        WHERE e.Id = @enrolmentId AND a.Status = 'Accepted')
            """;
        const string insert = """
            INSERT INTO Applications (CohortId, ApplicantUserId, SchoolName, Role, Qualification, QualificationGainedOn, YearsTeachingSince,
                FundingRoute, DfeParticipantId, DfeApplicationId, Trn, IsEligible, EligibilityReason, PriceNetPence, VatPence, PriceTotalPence,
                Status, SubmittedUtc, DecidedUtc)
            SELECT e.CohortId, e.CandidateUserId, 'Recorded from DfE', 'Not given', 'None', NULL, 0,
                'School', @participantId, @applicationId, NULL, 0, 'Enrolled without an application in Npq; DfE holds the application.', 0, 0, 0,
                'Accepted', e.EnrolledUtc, @nowUtc
            FROM Enrolments e WHERE e.Id = @enrolmentId
            """;
        var args = new { enrolmentId, participantId, applicationId, nowUtc };
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(update, args, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, args, cancellationToken: cancellationToken));
        }
    }

    private async Task<IReadOnlyList<DfeEnrolmentLink>> LinksAsync(int cohortId, string join, CancellationToken cancellationToken, IReadOnlyList<int>? ids = null)
    {
        var sql = $"""
            SELECT e.Id AS EnrolmentId, COALESCE(ap.Id, 0) AS NpqApplicationId, u.DisplayName AS CandidateName, ap.DfeParticipantId AS ParticipantId, ap.DfeApplicationId,
                   co.Identifier AS CourseIdentifier, e.TrainingStatus, e.StatusReason
            FROM Enrolments e
            JOIN Users u ON u.Id = e.CandidateUserId
            JOIN Cohorts ch ON ch.Id = e.CohortId
            JOIN Courses co ON co.Id = ch.CourseId
            {join} Applications ap ON ap.Id = (
                SELECT MAX(a.Id) FROM Applications a
                WHERE a.ApplicantUserId = e.CandidateUserId AND a.CohortId = e.CohortId AND a.Status = 'Accepted')
            WHERE e.CohortId = @cohortId{(ids is null ? string.Empty : " AND e.Id IN @ids")}
            ORDER BY u.DisplayName, e.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.Link>(new CommandDefinition(sql, new { cohortId, ids }, cancellationToken: cancellationToken)))
            .Select(r => new DfeEnrolmentLink
            {
                EnrolmentId = r.EnrolmentId, NpqApplicationId = r.NpqApplicationId, CandidateName = r.CandidateName, ParticipantId = r.ParticipantId,
                DfeApplicationId = r.DfeApplicationId, CourseIdentifier = r.CourseIdentifier, TrainingStatus = r.TrainingStatus, StatusReason = r.StatusReason,
            }).ToList();
    }

    public async Task<IReadOnlyList<DfeLinkedApplication>> GetLinkedApplicationsAsync(int providerId, int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT a.Id AS NpqApplicationId, a.CohortId, a.DfeApplicationId, a.Status
            FROM Applications a JOIN Cohorts ch ON ch.Id = a.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE co.ProviderId = @providerId AND a.CohortId = @cohortId AND a.DfeApplicationId IS NOT NULL
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.LinkedApplication>(new CommandDefinition(sql, new { providerId, cohortId }, cancellationToken: cancellationToken)))
            .Select(r => new DfeLinkedApplication(r.NpqApplicationId, r.CohortId, r.DfeApplicationId, r.Status)).ToList();
    }

    /// <summary>Updates the row, or inserts it when there is none (one writer at a time on SQLite).</summary>
    private async Task UpsertAsync(string update, string insert, object args, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(update, args, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, args, cancellationToken: cancellationToken));
        }
    }
}
