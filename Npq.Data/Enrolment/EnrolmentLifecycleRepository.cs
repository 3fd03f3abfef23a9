using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>What happens to an enrolment after it is made: status changes, resuming, mentors, and the history of it all.</summary>
public sealed class EnrolmentLifecycleRepository(IDbConnectionFactory db, CandidateFrameworks? frameworks = null, ReportChoicesCache? reportChoices = null)
    : IEnrolmentLifecycleRepository
{
    private const string ViewSelect = """
        SELECT e.Id, e.CohortId, e.CandidateUserId, e.MentorUserId, e.TrainingStatus, e.StatusReason, e.EnrolledUtc, e.Version,
               c.DisplayName AS CandidateName, c.Email AS CandidateEmail, s.Name AS SchoolName, m.DisplayName AS MentorName,
               ch.Name AS CohortName, ch.TimeZone AS CohortTimeZone, ch.StartDate AS CohortStartDate, ch.EndDate AS CohortEndDate,
               co.Name AS CourseName, co.ShortCode AS CourseShortCode, co.FrameworkCode, co.ProviderId
        FROM Enrolments e
        JOIN Users c ON c.Id = e.CandidateUserId
        LEFT JOIN Schools s ON s.Id = c.SchoolId
        LEFT JOIN Users m ON m.Id = e.MentorUserId
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        """;

    public async Task<EnrolmentView?> GetAsync(int enrolmentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.Id = @enrolmentId", new { enrolmentId }, cancellationToken: cancellationToken))).SingleOrDefault();
    }

    /// <summary>The candidate's own enrolments ("my courses"), soonest start first.</summary>
    public async Task<IReadOnlyList<EnrolmentView>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.CandidateUserId = @candidateUserId ORDER BY ch.StartDate, e.Id", new { candidateUserId }, cancellationToken: cancellationToken));
    }

    /// <summary>The candidates a mentor is assigned to, by cohort then name.</summary>
    public async Task<IReadOnlyList<EnrolmentView>> GetForMentorAsync(int mentorUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.MentorUserId = @mentorUserId ORDER BY ch.StartDate, c.DisplayName, e.Id", new { mentorUserId }, cancellationToken: cancellationToken));
    }

    /// <summary>The enrolments of candidates at the headteacher's school (Users.SchoolId), by name.</summary>
    public async Task<IReadOnlyList<EnrolmentView>> GetForHeadteacherAsync(int headteacherUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + """
             WHERE c.SchoolId IS NOT NULL
               AND c.SchoolId = (SELECT h.SchoolId FROM Users h WHERE h.Id = @headteacherUserId AND h.IsActive = 1)
             ORDER BY c.DisplayName, ch.StartDate, e.Id
            """, new { headteacherUserId }, cancellationToken: cancellationToken));
    }

    public async Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForMentorAsync(int mentorUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.MentorUserId = @mentorUserId ORDER BY ch.StartDate, c.DisplayName, e.Id" + db.Dialect.Page,
            new { mentorUserId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        return (await TotalAsync(connection, skip, take, rows.Count,
            new CommandDefinition("SELECT COUNT(*) FROM Enrolments WHERE MentorUserId = @mentorUserId", new { mentorUserId }, cancellationToken: cancellationToken)), rows);
    }

    public async Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForHeadteacherAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        const string school = " WHERE c.SchoolId IS NOT NULL AND c.SchoolId = (SELECT h.SchoolId FROM Users h WHERE h.Id = @headteacherUserId AND h.IsActive = 1)";
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + school + " ORDER BY c.DisplayName, ch.StartDate, e.Id" + db.Dialect.Page,
            new { headteacherUserId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        return (await TotalAsync(connection, skip, take, rows.Count, new CommandDefinition(
            "SELECT COUNT(*) FROM Enrolments e JOIN Users c ON c.Id = e.CandidateUserId" + school, new { headteacherUserId }, cancellationToken: cancellationToken)), rows);
    }

    /// <summary>
    /// A list's total: a first page that is not full is the whole list (most mentors' and schools' lists fit on one
    /// page, so they cost one query); otherwise counted.
    /// </summary>
    private static async Task<int> TotalAsync(System.Data.Common.DbConnection connection, int skip, int take, int read, CommandDefinition count) =>
        skip == 0 && read < take ? read : await connection.ExecuteScalarAsync<int>(count);

    /// <summary>Everyone enrolled on a cohort, by name.</summary>
    public async Task<IReadOnlyList<EnrolmentView>> GetForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.CohortId = @cohortId ORDER BY c.DisplayName, e.Id", new { cohortId }, cancellationToken: cancellationToken));
    }

    public async Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForCohortAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId", new { cohortId }, cancellationToken: cancellationToken));
        var rows = await QueryViewsAsync(connection, new CommandDefinition(
            ViewSelect + " WHERE e.CohortId = @cohortId ORDER BY c.DisplayName, e.Id" + db.Dialect.Page,
            new { cohortId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        return (total, rows);
    }

    /// <summary>
    /// Applies an allowed status change, refused (false) when the enrolment changed since it was read
    /// (<paramref name="expectedVersion"/>). The change and its history entry are written together.
    /// </summary>
    public async Task<bool> ChangeStatusAsync(int enrolmentId, int expectedVersion, StatusChange change, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (!change.Allowed)
        {
            throw new InvalidOperationException("Only an allowed change can be saved: " + change.Refusal);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Enrolments SET TrainingStatus = @to, StatusReason = @reason, Version = Version + 1
            WHERE Id = @enrolmentId AND Version = @expectedVersion AND TrainingStatus = @from
            """,
            new { enrolmentId, expectedVersion, to = change.To.ToString(), from = change.From.ToString(), reason = change.Reason },
            transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        await EnrolmentHistoryWriter.AppendAsync(connection, transaction, enrolmentId, change.To.ToString(), actorUserId, nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        frameworks?.PlacementsChanged();
        return true;
    }

    /// <summary>
    /// Resumes a deferred enrolment into another cohort of the same course: the enrolment moves (keeping its history),
    /// provided the cohort has a place and the candidate is not already on it.
    /// </summary>
    public async Task<DecisionOutcome> ResumeIntoCohortAsync(int enrolmentId, int expectedVersion, int targetCohortId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // Resuming is the machine's deferred → active, made in the target cohort.
        var resume = TrainingStatusMachine.Change(TrainingStatus.Deferred, TrainingStatus.Active, null);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await CohortLock.TakeAsync(connection, transaction, targetCohortId, cancellationToken))
        {
            return DecisionOutcome.NotFound;
        }

        var candidate = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT CandidateUserId FROM Enrolments WHERE Id = @enrolmentId AND Version = @expectedVersion AND TrainingStatus = @from",
            new { enrolmentId, expectedVersion, from = resume.From.ToString() }, transaction, cancellationToken: cancellationToken));
        if (candidate is null)
        {
            return DecisionOutcome.AlreadyDecided;
        }

        var onTarget = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Enrolments WHERE CohortId = @targetCohortId AND CandidateUserId = @candidate",
            new { targetCohortId, candidate }, transaction, cancellationToken: cancellationToken));
        if (onTarget > 0)
        {
            return DecisionOutcome.AlreadyEnrolled;
        }

        var moved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Enrolments SET CohortId = @targetCohortId, TrainingStatus = @to, StatusReason = NULL, Version = Version + 1
            WHERE Id = @enrolmentId
              AND (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @targetCohortId AND TrainingStatus <> 'Withdrawn')
                  < (SELECT Capacity FROM Cohorts WHERE Id = @targetCohortId)
            """,
            new { enrolmentId, targetCohortId, to = resume.To.ToString() }, transaction, cancellationToken: cancellationToken));
        if (moved == 0)
        {
            return DecisionOutcome.CohortFull;
        }

        await EnrolmentHistoryWriter.AppendAsync(connection, transaction, enrolmentId, "Resumed in another cohort", actorUserId, nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return DecisionOutcome.Done;
    }

    /// <summary>Assigns (or, with null, removes) the mentor of the given enrolments of one cohort; returns how many changed.</summary>
    public async Task<int> AssignMentorAsync(int cohortId, IReadOnlyCollection<int> enrolmentIds, int? mentorUserId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (enrolmentIds.Count == 0)
        {
            return 0;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changedIds = (await connection.QueryAsync<int>(new CommandDefinition(
            """
            SELECT Id FROM Enrolments
            WHERE CohortId = @cohortId AND Id IN @enrolmentIds
              AND ((MentorUserId IS NULL AND @mentorUserId IS NOT NULL) OR (MentorUserId IS NOT NULL AND @mentorUserId IS NULL) OR MentorUserId <> @mentorUserId)
            """,
            new { cohortId, enrolmentIds, mentorUserId }, transaction, cancellationToken: cancellationToken))).AsList();
        foreach (var id in changedIds)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE Enrolments SET MentorUserId = @mentorUserId, Version = Version + 1 WHERE Id = @id",
                new { id, mentorUserId }, transaction, cancellationToken: cancellationToken));
            await EnrolmentHistoryWriter.AppendAsync(connection, transaction, id, mentorUserId is null ? "Mentor removed" : "Mentor assigned", actorUserId, nowUtc, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (changedIds.Count > 0)
        {
            reportChoices?.Changed();
        }

        return changedIds.Count;
    }

    /// <summary>Every recorded change to the candidate's enrolments, oldest first.</summary>
    public async Task<IReadOnlyList<EnrolmentHistoryEntry>> GetHistoryForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT h.Id, h.EnrolmentId, h.ChangedUtc, h.ChangedByUserId, b.DisplayName AS ChangedByName, h.Change, h.TrainingStatus,
                   h.StatusReason, h.CohortId, ch.Name AS CohortName, ch.TimeZone AS CohortTimeZone, h.MentorUserId, m.DisplayName AS MentorName
            FROM EnrolmentHistory h
            JOIN Enrolments e ON e.Id = h.EnrolmentId
            JOIN Cohorts ch ON ch.Id = h.CohortId
            LEFT JOIN Users b ON b.Id = h.ChangedByUserId
            LEFT JOIN Users m ON m.Id = h.MentorUserId
            WHERE e.CandidateUserId = @candidateUserId
            ORDER BY h.ChangedUtc, h.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<EnrolmentHistoryEntry>(new CommandDefinition(sql, new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Writes a history entry for an enrolment made outside the application flow (imports, seeding).</summary>
    public async Task RecordAsync(int enrolmentId, string change, int? actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EnrolmentHistoryWriter.AppendAsync(connection, transaction, enrolmentId, change, actorUserId, nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The enrolment's columns map into <see cref="CohortEnrolment"/>, the names after it into the view.</summary>
    private static async Task<IReadOnlyList<EnrolmentView>> QueryViewsAsync(System.Data.Common.DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<CohortEnrolment, EnrolmentView, EnrolmentView>(
            command, (enrolment, view) => view with { Enrolment = enrolment }, splitOn: nameof(EnrolmentView.CandidateName))).AsList();
}
