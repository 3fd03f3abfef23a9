using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>Join/leave segments and the facilitator's register.</summary>
public sealed class AttendanceRepository(IDbConnectionFactory db) : IAttendanceRepository
{
    private const string SegmentColumns = "Id, SessionId, UserId, JoinUtc, LeaveUtc, Source";

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
        var rows = await connection.QueryAsync<SegmentRow>(new CommandDefinition(
            $"SELECT {SegmentColumns} FROM AttendanceSegments WHERE SessionId = @sessionId ORDER BY JoinUtc, Id", new { sessionId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSegment()).ToList();
    }

    public async Task<IReadOnlyList<AttendanceSegment>> GetSegmentsAsync(int userId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SegmentRow>(new CommandDefinition(
            $"SELECT {SegmentColumns} FROM AttendanceSegments WHERE UserId = @userId AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userId, cohortId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSegment()).ToList();
    }

    public async Task<IReadOnlyList<AttendanceMark>> GetMarksForSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MarkRow>(new CommandDefinition(
            "SELECT SessionId, UserId, Mark, Note, RecordedByUserId, RecordedUtc FROM AttendanceMarks WHERE SessionId = @sessionId", new { sessionId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMark()).ToList();
    }

    public async Task<IReadOnlyList<AttendanceMark>> GetMarksAsync(int userId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MarkRow>(new CommandDefinition(
            "SELECT SessionId, UserId, Mark, Note, RecordedByUserId, RecordedUtc FROM AttendanceMarks WHERE UserId = @userId AND SessionId IN (SELECT Id FROM WebinarSessions WHERE CohortId = @cohortId)",
            new { userId, cohortId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMark()).ToList();
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

    internal sealed record SegmentRow
    {
        public int Id { get; init; }
        public int SessionId { get; init; }
        public int UserId { get; init; }
        public DateTime JoinUtc { get; init; }
        public DateTime? LeaveUtc { get; init; }
        public string Source { get; init; } = string.Empty;

        public AttendanceSegment ToSegment() => new()
        {
            Id = Id, SessionId = SessionId, UserId = UserId, JoinUtc = JoinUtc, LeaveUtc = LeaveUtc, Source = Enum.Parse<AttendanceSource>(Source),
        };
    }

    internal sealed record MarkRow
    {
        public int SessionId { get; init; }
        public int UserId { get; init; }
        public string Mark { get; init; } = string.Empty;
        public string? Note { get; init; }
        public int RecordedByUserId { get; init; }
        public DateTime RecordedUtc { get; init; }

        public AttendanceMark ToMark() => new()
        {
            SessionId = SessionId, UserId = UserId, Mark = Enum.Parse<RegisterMark>(Mark), Note = Note, RecordedByUserId = RecordedByUserId, RecordedUtc = RecordedUtc,
        };
    }
}

/// <summary>Attendance figures computed from the stored segments and register with the cohort's rule.</summary>
public sealed class AttendanceQueries(WebinarRepository webinars, AttendanceRepository attendance, IDbConnectionFactory db, TimeProvider time) : IAttendanceQueries
{
    public async Task<AttendanceSummary?> GetAttendanceAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken = default)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var sessions = await webinars.GetSessionsForCohortAsync(cohortId, cancellationToken);
        var segments = await attendance.GetSegmentsAsync(candidateUserId, cohortId, cancellationToken);
        var marks = await attendance.GetMarksAsync(candidateUserId, cohortId, cancellationToken);
        return AttendanceCalculator.Summarise(candidateUserId, cohort, sessions, segments, marks, time.GetUtcNow().UtcDateTime);
    }

    public async Task<IReadOnlyList<AttendanceSummary>> GetAttendanceForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        IEnumerable<int> cohortIds;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            cohortIds = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT CohortId FROM Enrolments WHERE CandidateUserId = @candidateUserId ORDER BY EnrolledUtc, Id", new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
        }

        var result = new List<AttendanceSummary>();
        foreach (var cohortId in cohortIds)
        {
            var summary = await GetAttendanceAsync(candidateUserId, cohortId, cancellationToken);
            if (summary is not null)
            {
                result.Add(summary);
            }
        }

        return result;
    }
}
