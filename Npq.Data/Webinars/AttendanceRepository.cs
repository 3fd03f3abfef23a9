using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>Join/leave segments and the facilitator's register. Source and Mark are stored by name and read straight into their enums.</summary>
public sealed class AttendanceRepository(IDbConnectionFactory db) : IAttendanceRepository
{
    private const string SegmentColumns = "Id, SessionId, UserId, JoinUtc, LeaveUtc, Source";
    private const string MarkColumns = "SessionId, UserId, Mark, Note, RecordedByUserId, RecordedUtc";

    public async Task<int> AddSegmentAsync(AttendanceSegment segment, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var sql = "INSERT INTO AttendanceSegments (SessionId, UserId, JoinUtc, LeaveUtc, Source, CreatedUtc) VALUES (@SessionId, @UserId, @JoinUtc, @LeaveUtc, @Source, @nowUtc)"
            + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new
        {
            segment.SessionId, segment.UserId, segment.JoinUtc, segment.LeaveUtc, Source = segment.Source.ToString(), nowUtc,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Writes an import's segments in one transaction: all of them or none.</summary>
    public async Task AddSegmentsAsync(IReadOnlyList<AttendanceSegment> segments, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = "INSERT INTO AttendanceSegments (SessionId, UserId, JoinUtc, LeaveUtc, Source, CreatedUtc) VALUES (@SessionId, @UserId, @JoinUtc, @LeaveUtc, @Source, @nowUtc)";
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var segment in segments)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                segment.SessionId, segment.UserId, segment.JoinUtc, segment.LeaveUtc, Source = segment.Source.ToString(), nowUtc,
            }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AttendanceSegment>> GetSegmentsForSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceSegment>(new CommandDefinition(
            $"SELECT {SegmentColumns} FROM AttendanceSegments WHERE SessionId = @sessionId ORDER BY JoinUtc, Id", new { sessionId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttendanceSegment>> GetSegmentsAsync(int userId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceSegment>(new CommandDefinition(
            $"SELECT {SegmentColumns} FROM AttendanceSegments WHERE UserId = @userId AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userId, cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttendanceSegment>> GetSegmentsForPeopleAsync(int cohortId, IReadOnlyList<int> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceSegment>(new CommandDefinition(
            $"SELECT {SegmentColumns} FROM AttendanceSegments WHERE UserId IN @userIds AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userIds, cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttendanceMark>> GetMarksForPeopleAsync(int cohortId, IReadOnlyList<int> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceMark>(new CommandDefinition(
            $"SELECT {MarkColumns} FROM AttendanceMarks WHERE UserId IN @userIds AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userIds, cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttendanceMark>> GetMarksForSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceMark>(new CommandDefinition(
            $"SELECT {MarkColumns} FROM AttendanceMarks WHERE SessionId = @sessionId", new { sessionId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttendanceMark>> GetMarksAsync(int userId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttendanceMark>(new CommandDefinition(
            $"SELECT {MarkColumns} FROM AttendanceMarks WHERE UserId = @userId AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userId, cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// The candidate's enrolled cohorts (in enrolment order), their sessions, and the candidate's segments and marks, as
    /// one command (issue 23: the sessions page ran these as five statements on five connection loans, per cohort). Each
    /// read starts from the candidate's own enrolments and joins on from there; the segments are read by person (the
    /// candidate's own, a few) and those of sessions of other cohorts left out here. Only the sessions that have started
    /// by <c>@startedByUtc</c> are read (a summary counts those that have ended), through <c>IX_WebinarSessions_Cohort</c>:
    /// a cohort's sessions still to come (two thirds of them in the benchmark's provider) are not read at all.
    /// </summary>
    internal static readonly string CandidateFactsSql = $"""
        SELECT {WebinarRepository.CohortColumns} FROM Enrolments e CROSS JOIN Cohorts c JOIN Courses co ON co.Id = c.CourseId
        WHERE e.CandidateUserId = @candidateUserId AND c.Id = e.CohortId ORDER BY e.EnrolledUtc, e.Id;
        SELECT {WebinarRepository.Prefixed("s", WebinarRepository.SummaryColumns)} FROM Enrolments e CROSS JOIN WebinarSessions s
        WHERE e.CandidateUserId = @candidateUserId AND s.CohortId = e.CohortId AND s.StartUtc <= @startedByUtc ORDER BY s.StartUtc, s.Id;
        SELECT {SegmentColumns} FROM AttendanceSegments WHERE UserId = @candidateUserId;
        SELECT {WebinarRepository.Prefixed("m", MarkColumns)} FROM Enrolments e CROSS JOIN WebinarSessions s CROSS JOIN AttendanceMarks m
        WHERE e.CandidateUserId = @candidateUserId AND s.CohortId = e.CohortId AND m.SessionId = s.Id AND m.UserId = @candidateUserId;
        """;

    private static readonly StatementBatch CandidateFacts = new(CandidateFactsSql, results: 4);

    public async Task<CandidateAttendanceFacts> GetCandidateFactsAsync(int candidateUserId, DateTime startedByUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await CandidateFacts.ReadAsync(connection, new { candidateUserId, startedByUtc }, cancellationToken);
        var cohorts = await grid.ReadAsync<SessionCohort>();
        var sessions = await grid.ReadAsync(ListedSessionReader.Summary);
        var ofTheirSessions = sessions.Select(s => s.Id).ToHashSet();
        var segments = (await grid.ReadAsync<AttendanceSegment>()).Where(s => ofTheirSessions.Contains(s.SessionId)).ToList();
        var marks = await grid.ReadAsync<AttendanceMark>();
        return new CandidateAttendanceFacts(cohorts.Select(c => c.Id).ToList(), cohorts, sessions, segments, marks);
    }

    /// <summary>Saves the register for a session: a mark replaces the person's previous one; no mark clears it.</summary>
    public async Task SaveRegisterAsync(int sessionId, IReadOnlyList<(int UserId, RegisterMark? Mark, string? Note)> entries, int recordedByUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (userId, mark, note) in entries)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM AttendanceMarks WHERE SessionId = @sessionId AND UserId = @userId", new { sessionId, userId }, transaction, cancellationToken: cancellationToken));
            if (mark is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO AttendanceMarks (SessionId, UserId, Mark, Note, RecordedByUserId, RecordedUtc) VALUES (@sessionId, @userId, @mark, @note, @recordedByUserId, @nowUtc)",
                    new { sessionId, userId, mark = mark.Value.ToString(), note, recordedByUserId, nowUtc }, transaction, cancellationToken: cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
