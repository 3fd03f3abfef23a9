using Dapper;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Data.Reporting;

namespace Npq.Data.Reporting;

/// <summary>Declarations made and voided, and the engagement facts of a cohort's enrolments.</summary>
public sealed class DeclarationRepository(IDbConnectionFactory db) : IDeclarationRepository
{
    private const string Columns = """
        Id, EnrolmentId, DeclarationType AS Type, DeclarationUtc, Justification, DfeDeclarationId, DeclaredUtc,
        DeclaredByUserId, VoidedUtc, VoidedByUserId, VoidReason, Version
        """;

    // The review's line of an enrolment: who, the course, and DfE's ids from the latest accepted application.
    private const string EnrolmentSelect = """
        SELECT e.Id AS EnrolmentId, e.CandidateUserId, u.DisplayName AS CandidateName, e.TrainingStatus,
               co.Identifier AS CourseIdentifier, co.IsLeadership, co.HasAssessment, dp.Name AS DeliveryPartnerName,
               ap.DfeParticipantId, ap.DfeApplicationId, e.EnrolledUtc
        FROM Enrolments e
        JOIN Users u ON u.Id = e.CandidateUserId
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
        LEFT JOIN Applications ap ON ap.Id = (
            SELECT MAX(a.Id) FROM Applications a
            WHERE a.ApplicantUserId = e.CandidateUserId AND a.CohortId = e.CohortId AND a.Status = 'Accepted')
        """;

    private const string RecordSelect = """
        SELECT d.Id, d.EnrolmentId, d.DeclarationType AS Type, d.DeclarationUtc, d.Justification, d.DfeDeclarationId, d.DeclaredUtc,
               d.DeclaredByUserId, d.VoidedUtc, d.VoidedByUserId, d.VoidReason, d.Version, m.State AS DfeState
        FROM Declarations d
        JOIN Enrolments e ON e.Id = d.EnrolmentId
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        LEFT JOIN DfeDeclarations m ON m.ProviderId = co.ProviderId AND m.DfeDeclarationId = d.DfeDeclarationId
        """;

    // Users read by id for the name alone: SQLite, told to, reads IX_Users_Id_DisplayName; SQL Server chooses it itself.
    private string NamesById => db.Dialect.WalkedBy("IX_Users_Id_DisplayName");

    public Task<IReadOnlyList<DeclarationCandidate>> GetCohortFactsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        FactsAsync(cohortId, nowUtc, null, cancellationToken);

    public Task<IReadOnlyList<DeclarationCandidate>> GetCohortFactsPageAsync(int cohortId, DateTime nowUtc, int skip, int take, CancellationToken cancellationToken = default) =>
        FactsAsync(cohortId, nowUtc, (Math.Max(0, skip), Math.Max(0, take)), cancellationToken);

    public async Task<CohortDeclarationCounts> CountCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        // The DfE participant id of the latest accepted application, as the review's lines read it (an empty id counts as none).
        // Every enrolment of the cohort is counted, so each step reads index entries only: the enrolments from their
        // cohort's index, the latest accepted application and its id from IX_Applications_Cohort (CohortId, Status,
        // ApplicantUserId, Id, DfeParticipantId). "ap.Id + 0" keeps SQLite from reading the application's row by its id
        // instead (its favourite look-up; 200 rows a page for a cohort of 200).
        const string sql = """
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN ap.DfeParticipantId IS NULL OR LTRIM(RTRIM(ap.DfeParticipantId)) = '' THEN 1 ELSE 0 END), 0)
            FROM Enrolments e
            LEFT JOIN Applications ap ON ap.CohortId = e.CohortId AND ap.Status = 'Accepted' AND ap.ApplicantUserId = e.CandidateUserId
                AND ap.Id + 0 = (
                    SELECT MAX(a.Id) FROM Applications a
                    WHERE a.CohortId = e.CohortId AND a.Status = 'Accepted' AND a.ApplicantUserId = e.CandidateUserId)
            WHERE e.CohortId = @cohortId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var (candidates, withoutId) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));
        return new CohortDeclarationCounts(candidates, withoutId);
    }

    public async Task<int?> GetPositionAsync(int cohortId, int enrolmentId, CancellationToken cancellationToken = default)
    {
        // How many of the cohort's lines come before it in the review's order (name, then enrolment id); no row when it is not the cohort's.
        // The cohort's names are read from IX_Users_Id_DisplayName, not from every candidate's row (see FactsAsync).
        var sql = $"""
            SELECT (SELECT COUNT(*) FROM Enrolments e JOIN Users u{NamesById} ON u.Id = e.CandidateUserId
                    WHERE e.CohortId = t.CohortId AND (u.DisplayName < tu.DisplayName OR (u.DisplayName = tu.DisplayName AND e.Id < t.Id)))
            FROM Enrolments t JOIN Users tu ON tu.Id = t.CandidateUserId
            WHERE t.Id = @enrolmentId AND t.CohortId = @cohortId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { cohortId, enrolmentId }, cancellationToken: cancellationToken));
    }

    public async Task<CohortEngagementCounts> CountEngagementAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // The rules' first retention threshold (retained-1) for the cohort's course and its scheduled sessions.
        const string courseSql = """
            SELECT co.IsLeadership,
                   (SELECT COUNT(*) FROM WebinarSessions WHERE CohortId = @cohortId AND Status <> 'Cancelled') AS Scheduled
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE ch.Id = @cohortId
            """;

        // Per enrolment, as DeclarationRules.Derive and the review read them: started by the first session attended or the
        // first non-draft evidence since enrolling; retained-1 when the sessions attended reach @Needed (none scheduled:
        // never) and @Tasks tasks were submitted; either also by a live declaration of its type. Flags first, then summed
        // (SQL Server sums no subquery). The sessions attended are the completion report's, stored per enrolment
        // (EnrolmentFigures.SessionsAttended, the same attendance CTEs' count) where fresh: only the enrolments with no
        // fresh figures (`scoped`) have their attendance computed here (4.4 ms for a cohort of 200 when all were).
        const string fresh = CompletionReportSql.FreshFigures;
        var countSql = $"""
            WITH scoped AS {ReportSql.Materialized(db.Dialect)}(
                SELECT e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, ch.AttendanceThresholdPercent AS Threshold
                FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId
                WHERE e.CohortId = @cohortId AND NOT EXISTS (SELECT 1 FROM EnrolmentFigures f WHERE f.EnrolmentId = e.Id AND {fresh})
            ),
            {ReportSql.AttendanceCtes(db.Dialect)},
            attended AS (
                SELECT EnrolmentId, COUNT(*) AS Sessions FROM session_outcomes WHERE Outcome = 'A' GROUP BY EnrolmentId
            ),
            flags AS (
                SELECT
                    CASE WHEN COALESCE(f.SessionsAttended, att.Sessions, 0) > 0
                           OR EXISTS (SELECT 1 FROM EvidenceItems ei
                                      WHERE ei.CandidateUserId = e.CandidateUserId AND ei.IsDraft = 0 AND ei.CreatedUtc >= e.EnrolledUtc)
                           OR EXISTS (SELECT 1 FROM Declarations d WHERE d.EnrolmentId = e.Id AND d.DeclarationType = 'Started' AND d.VoidedUtc IS NULL)
                         THEN 1 ELSE 0 END AS Started,
                    CASE WHEN (@Needed > 0 AND COALESCE(f.SessionsAttended, att.Sessions, 0) >= @Needed
                               AND (SELECT COUNT(DISTINCT s.TaskId) FROM Submissions s
                                    WHERE s.CandidateUserId = e.CandidateUserId AND s.CohortId = e.CohortId AND s.SubmittedUtc IS NOT NULL) >= @Tasks)
                           OR EXISTS (SELECT 1 FROM Declarations d WHERE d.EnrolmentId = e.Id AND d.DeclarationType = 'Retained1' AND d.VoidedUtc IS NULL)
                         THEN 1 ELSE 0 END AS Retained
                FROM Enrolments e
                LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {fresh}
                LEFT JOIN attended att ON att.EnrolmentId = e.Id
                WHERE e.CohortId = @cohortId
            )
            SELECT COALESCE(SUM(Started), 0) AS Started, COALESCE(SUM(Retained), 0) AS Retained FROM flags
            """;

        await using var connection = await db.OpenAsync(cancellationToken);
        var course = await connection.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(courseSql, new { cohortId }, cancellationToken: cancellationToken));
        var threshold = DeclarationRules.ThresholdsFor(new EnrolmentFacts { IsLeadership = course?.IsLeadership ?? false })[0];
        var needed = DeclarationRules.SessionsNeeded(course?.Scheduled ?? 0, threshold.SessionsPercent);
        var (started, retained) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(
            countSql, new { cohortId, NowS = ReportSql.ToSeconds(nowUtc), NowUtc = nowUtc, Needed = needed, Tasks = threshold.TasksSubmitted }, cancellationToken: cancellationToken));
        return new CohortEngagementCounts(started, retained);
    }

    /// <summary>
    /// The cohort's lines with their facts: every enrolment (<paramref name="page"/> null), or one page of them in the
    /// review's order, each fact read for that page's enrolments only (at most 100 ids in a list). Choosing the page
    /// sorts every candidate of the cohort by name: the names come from IX_Users_Id_DisplayName (small entries, a few
    /// pages for a cohort) rather than each candidate's row of Users (a page of the table each).
    /// </summary>
    private async Task<IReadOnlyList<DeclarationCandidate>> FactsAsync(int cohortId, DateTime nowUtc, (int Skip, int Take)? page, CancellationToken cancellationToken)
    {
        var enrolmentsSql = page is null
            ? $"{EnrolmentSelect} WHERE e.CohortId = @cohortId ORDER BY u.DisplayName, e.Id"
            : $"""
              WITH page AS (
                  SELECT e.Id FROM Enrolments e JOIN Users u{NamesById} ON u.Id = e.CandidateUserId
                  WHERE e.CohortId = @cohortId
                  ORDER BY u.DisplayName, e.Id{db.Dialect.Page}
              )
              {EnrolmentSelect} WHERE e.Id IN (SELECT Id FROM page) ORDER BY u.DisplayName, e.Id
              """;
        var only = page is null ? string.Empty : " AND e.Id IN @Ids";
        const string scheduledSql = "SELECT COUNT(*) FROM WebinarSessions WHERE CohortId = @cohortId AND Status <> 'Cancelled'";
        var evidenceSql = $"""
            SELECT e.Id AS EnrolmentId, MIN(ei.CreatedUtc) AS FirstUtc
            FROM Enrolments e
            JOIN EvidenceItems ei ON ei.CandidateUserId = e.CandidateUserId AND ei.IsDraft = 0 AND ei.CreatedUtc >= e.EnrolledUtc
            WHERE e.CohortId = @cohortId{only}
            GROUP BY e.Id
            """;
        var submissionsSql = $"""
            SELECT e.Id AS EnrolmentId, MIN(s.SubmittedUtc) AS FirstUtc
            FROM Enrolments e
            JOIN Submissions s ON s.CandidateUserId = e.CandidateUserId AND s.CohortId = e.CohortId AND s.SubmittedUtc IS NOT NULL
            WHERE e.CohortId = @cohortId{only}
            GROUP BY e.Id, s.TaskId
            """;
        var attendedSql = $"""
            WITH scoped AS (
                SELECT e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, ch.AttendanceThresholdPercent AS Threshold
                FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId
                WHERE e.CohortId = @cohortId{only}
            ),
            {ReportSql.AttendanceCtes(db.Dialect)}
            SELECT EnrolmentId, StartS FROM session_outcomes WHERE Outcome = 'A'
            """;

        await using var connection = await db.OpenAsync(cancellationToken);
        var enrolments = (await connection.QueryAsync<EnrolmentRow>(new CommandDefinition(
            enrolmentsSql, new { cohortId, Skip = page?.Skip ?? 0, Take = page?.Take ?? 0 }, cancellationToken: cancellationToken))).ToList();
        if (enrolments.Count == 0)
        {
            return [];
        }

        var parameters = new { cohortId, NowS = ReportSql.ToSeconds(nowUtc), Ids = enrolments.Select(e => e.EnrolmentId).ToList() };
        var scheduled = await connection.ExecuteScalarAsync<int>(new CommandDefinition(scheduledSql, parameters, cancellationToken: cancellationToken));
        var evidence = (await connection.QueryAsync<FirstRow>(new CommandDefinition(evidenceSql, parameters, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.EnrolmentId, r => r.FirstUtc);
        var submissions = (await connection.QueryAsync<FirstRow>(new CommandDefinition(submissionsSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(r => r.EnrolmentId, r => r.FirstUtc);
        var attended = (await connection.QueryAsync<(int EnrolmentId, double StartS)>(new CommandDefinition(attendedSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(r => r.EnrolmentId, r => DateTime.UnixEpoch.AddSeconds(Math.Round(r.StartS)));

        return enrolments.Select(e => new DeclarationCandidate
        {
            EnrolmentId = e.EnrolmentId,
            CandidateUserId = e.CandidateUserId,
            CandidateName = e.CandidateName,
            DfeParticipantId = e.DfeParticipantId,
            DfeApplicationId = e.DfeApplicationId,
            CourseIdentifier = e.CourseIdentifier,
            DeliveryPartnerName = e.DeliveryPartnerName,
            Facts = new EnrolmentFacts
            {
                EnrolmentId = e.EnrolmentId,
                CourseIdentifier = e.CourseIdentifier,
                IsLeadership = e.IsLeadership,
                HasAssessment = e.HasAssessment,
                TrainingStatus = Enum.TryParse<TrainingStatus>(e.TrainingStatus, out var status) ? status : TrainingStatus.Active,
                SessionsScheduled = scheduled,
                AttendedSessionsUtc = attended[e.EnrolmentId].Order().ToList(),
                FirstEvidenceUtc = evidence.TryGetValue(e.EnrolmentId, out var first) ? first : null,
                TaskSubmissionsUtc = submissions[e.EnrolmentId].Order().ToList(),
            },
        }).ToList();
    }

    public async Task<IReadOnlyList<DeclarationRecord>> GetForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        // DfE's state comes from the DfE sync's mirror of what DfE last answered (DfeDeclarations, one row per provider and id).
        const string sql = $"{RecordSelect} WHERE e.CohortId = @cohortId ORDER BY d.EnrolmentId, d.DeclaredUtc, d.Id";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DeclarationRecord>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<DeclarationRecord>> GetForEnrolmentsAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        const string sql = $"{RecordSelect} WHERE d.EnrolmentId IN @ids ORDER BY d.EnrolmentId, d.DeclaredUtc, d.Id";
        var records = new List<DeclarationRecord>();
        if (enrolmentIds.Count == 0)
        {
            return records;
        }

        // SQL Server takes at most 2,100 parameters in one command.
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var ids in enrolmentIds.Distinct().Order().Chunk(1000))
        {
            records.AddRange(await connection.QueryAsync<DeclarationRecord>(new CommandDefinition(sql, new { ids }, cancellationToken: cancellationToken)));
        }

        return records;
    }

    public async Task<DeclarationRecord?> FindAsync(int declarationId, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM Declarations WHERE Id = @declarationId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DeclarationRecord>(new CommandDefinition(sql, new { declarationId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeclareAsync(DeclarationRecord record, CancellationToken cancellationToken = default)
    {
        // The filtered unique index keeps one live declaration per type; the NOT EXISTS makes the common case quiet.
        const string sql = """
            INSERT INTO Declarations (EnrolmentId, DeclarationType, DeclarationUtc, Justification, DfeDeclarationId, DeclaredUtc, DeclaredByUserId, Version)
            SELECT @EnrolmentId, @Type, @DeclarationUtc, @Justification, @DfeDeclarationId, @DeclaredUtc, @DeclaredByUserId, 1
            WHERE NOT EXISTS (SELECT 1 FROM Declarations WHERE EnrolmentId = @EnrolmentId AND DeclarationType = @Type AND VoidedUtc IS NULL)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        try
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                record.EnrolmentId,
                Type = record.Type.ToString(),
                record.DeclarationUtc,
                record.Justification,
                record.DfeDeclarationId,
                record.DeclaredUtc,
                record.DeclaredByUserId,
            }, cancellationToken: cancellationToken));
            return inserted == 1;
        }
        catch (System.Data.Common.DbException)
        {
            // Two admins declaring at once: the unique index refused the second.
            return false;
        }
    }

    public async Task<bool> VoidAsync(int declarationId, int expectedVersion, int voidedByUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE Declarations SET VoidedUtc = @nowUtc, VoidedByUserId = @voidedByUserId, VoidReason = @reason, Version = Version + 1
            WHERE Id = @declarationId AND Version = @expectedVersion AND VoidedUtc IS NULL
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { declarationId, expectedVersion, voidedByUserId, reason, nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<int?> ProviderOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT co.ProviderId FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE e.Id = @enrolmentId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { enrolmentId }, cancellationToken: cancellationToken));
    }

    private sealed record EnrolmentRow
    {
        public int EnrolmentId { get; init; }
        public int CandidateUserId { get; init; }
        public string CandidateName { get; init; } = string.Empty;
        public string TrainingStatus { get; init; } = string.Empty;
        public string CourseIdentifier { get; init; } = string.Empty;
        public bool IsLeadership { get; init; }
        public bool HasAssessment { get; init; }
        public string? DeliveryPartnerName { get; init; }
        public string? DfeParticipantId { get; init; }
        public string? DfeApplicationId { get; init; }
        public DateTime EnrolledUtc { get; init; }
    }

    private sealed record CourseRow
    {
        public bool IsLeadership { get; init; }
        public int Scheduled { get; init; }
    }

    private sealed record FirstRow
    {
        public int EnrolmentId { get; init; }
        public DateTime FirstUtc { get; init; }
    }
}
