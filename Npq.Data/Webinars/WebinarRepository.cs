using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>Webinar sessions of cohorts, and who may see or run them.</summary>
public sealed partial class WebinarRepository(IDbConnectionFactory db) : IWebinarRepository
{
    internal const string SessionColumns = """
        Id, CohortId, SeriesId, Title, AgendaMarkdown, StartUtc, DurationMinutes, FacilitatorUserId, JoinUrl, Venue,
        Capacity, FrameworkAreas, Status, Sequence, RecordingUrl, Version, CreatedUtc, UpdatedUtc
        """;

    internal const string CohortColumns = """
        c.Id, c.Name, c.TimeZone, co.ProviderId, co.FrameworkCode, c.DeliveryModel, c.AttendanceThresholdPercent
        """;

    private const string RosterSql = """
        SELECT u.Id AS UserId, u.DisplayName, u.Email FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId
        WHERE e.CohortId = @cohortId ORDER BY u.DisplayName, u.Id
        """;

    /// <summary>The cohort with the facts sessions need, or null.</summary>
    public async Task<SessionCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {CohortColumns} FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SessionCohort>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The cohorts a person reaches: those they are enrolled on, those where they mentor someone (facilitators), and
    /// for a provider admin every cohort of their provider.
    /// </summary>
    public async Task<IReadOnlyList<SessionCohort>> GetCohortsForUserAsync(int userId, bool isProviderAdmin, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {CohortColumns} FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId
            WHERE c.Id IN (SELECT CohortId FROM Enrolments WHERE CandidateUserId = @userId OR MentorUserId = @userId)
               OR c.Id IN (SELECT CohortId FROM WebinarSessions WHERE FacilitatorUserId = @userId)
               OR (@isProviderAdmin = 1 AND co.ProviderId = (SELECT ProviderId FROM Users WHERE Id = @userId))
            ORDER BY c.StartDate, c.Name
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SessionCohort>(new CommandDefinition(sql, new { userId, isProviderAdmin = isProviderAdmin ? 1 : 0 }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<bool> IsEnrolledAsync(int cohortId, int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId AND CandidateUserId = @userId", new { cohortId, userId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>A facilitator of a cohort mentors someone on it or is the named facilitator of one of its sessions.</summary>
    public async Task<bool> IsFacilitatorAsync(int cohortId, int userId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId AND MentorUserId = @userId)
                 + (SELECT COUNT(*) FROM WebinarSessions WHERE CohortId = @cohortId AND FacilitatorUserId = @userId)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { cohortId, userId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> IsProviderAdminOfCohortAsync(int cohortId, int userId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT COUNT(*) FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId JOIN Users u ON u.ProviderId = co.ProviderId
            JOIN UserRoles ur ON ur.UserId = u.Id JOIN Roles r ON r.Id = ur.RoleId
            WHERE c.Id = @cohortId AND u.Id = @userId AND r.NormalizedName = 'PROVIDERADMIN'
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { cohortId, userId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The candidates enrolled on a cohort, by name.</summary>
    public async Task<IReadOnlyList<RosterMember>> GetRosterAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RosterMember>(new CommandDefinition(RosterSql, new { cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>One page of the candidates enrolled on a cohort, by name then id, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<RosterMember> Members, int Total)> GetRosterPageAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId", new { cohortId }, cancellationToken: cancellationToken));
        var page = await connection.QueryAsync<RosterMember>(new CommandDefinition(RosterSql + db.Dialect.Page, new { cohortId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        return (page.AsList(), total);
    }

    /// <summary>
    /// The people a cohort's session form offers as facilitator: those of <paramref name="include"/> (the session's
    /// facilitator, the person using the form) and the people close to the cohort (mentoring someone on it, named
    /// facilitator of one of its sessions or of the cohort, the provider's admins), each only if they may facilitate
    /// (an active mentor or admin of the cohort's provider); <paramref name="include"/> first, then by name, at most
    /// <paramref name="take"/>. The people are found by id from the cohort's own rows (and the admin role's index), so
    /// the cost follows the cohort, not the provider.
    /// </summary>
    public async Task<IReadOnlyList<RosterMember>> GetFacilitatorChoicesAsync(
        int cohortId, IReadOnlyCollection<int> include, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT u.Id AS UserId, u.DisplayName, u.Email FROM Users u
            WHERE {MayFacilitate("u")}
              AND u.ProviderId = (SELECT co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId)
              AND u.Id IN (
                SELECT e.MentorUserId FROM Enrolments e WHERE e.CohortId = @cohortId AND e.MentorUserId IS NOT NULL
                UNION SELECT s.FacilitatorUserId FROM WebinarSessions s WHERE s.CohortId = @cohortId AND s.FacilitatorUserId IS NOT NULL
                UNION SELECT f.UserId FROM CohortFacilitators f WHERE f.CohortId = @cohortId
                UNION SELECT ar.UserId FROM UserRoles ar JOIN Roles rr ON rr.Id = ar.RoleId WHERE rr.NormalizedName = 'PROVIDERADMIN'
                UNION SELECT i.Id FROM Users i WHERE i.Id IN @include)
            ORDER BY CASE WHEN u.Id IN @include THEN 0 ELSE 1 END, u.DisplayName, u.Id
            """ + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RosterMember>(new CommandDefinition(
            sql, new { cohortId, include = include.Distinct().ToArray(), Skip = 0, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// One page of the candidates a mentor mentors, one line per enrolment, by name, and how many lines there are: the
    /// mentor's own enrolments by their index, so the page costs what the mentor's list holds, not the provider.
    /// </summary>
    public Task<(IReadOnlyList<EnrolledPerson> People, int Total)> GetMenteesPageAsync(int mentorUserId, int skip, int take, CancellationToken cancellationToken = default) =>
        PeoplePageAsync(
            "FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId JOIN Cohorts c ON c.Id = e.CohortId WHERE e.MentorUserId = @personId",
            "SELECT COUNT(*) FROM Enrolments e WHERE e.MentorUserId = @personId",
            mentorUserId, skip, take, cancellationToken);

    /// <summary>
    /// One page of the enrolled candidates from a headteacher's school, one line per enrolment, by name, and how many
    /// lines there are: the school's people by their index, then their enrolments.
    /// </summary>
    public Task<(IReadOnlyList<EnrolledPerson> People, int Total)> GetSchoolCandidatesPageAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default) =>
        PeoplePageAsync(
            """
            FROM Users h JOIN Users u ON u.SchoolId = h.SchoolId JOIN Enrolments e ON e.CandidateUserId = u.Id JOIN Cohorts c ON c.Id = e.CohortId
            WHERE h.Id = @personId AND h.SchoolId IS NOT NULL
            """,
            """
            SELECT COUNT(*) FROM Users h JOIN Users u ON u.SchoolId = h.SchoolId JOIN Enrolments e ON e.CandidateUserId = u.Id
            WHERE h.Id = @personId AND h.SchoolId IS NOT NULL
            """,
            headteacherUserId, skip, take, cancellationToken);

    /// <summary>
    /// A page of enrolment lines (<paramref name="from"/>: the tables and filter, <c>e</c> the enrolment, <c>u</c> its
    /// candidate, <c>c</c> its cohort) by the candidate's name, then cohort and enrolment, and the lines' number from
    /// <paramref name="count"/>, which is not run when the first page is not full (it holds them all).
    /// </summary>
    private async Task<(IReadOnlyList<EnrolledPerson> People, int Total)> PeoplePageAsync(
        string from, string count, int personId, int skip, int take, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT e.CandidateUserId, u.DisplayName, e.CohortId, c.Name AS CohortName
            {from}
            ORDER BY u.DisplayName, e.CohortId, e.Id{db.Dialect.Page}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var page = (await connection.QueryAsync<EnrolledPerson>(new CommandDefinition(
            sql, new { personId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).AsList();
        if (skip == 0 && page.Count < take)
        {
            return (page, page.Count);
        }

        return (page, await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, new { personId }, cancellationToken: cancellationToken)));
    }

    /// <summary>A candidate's enrolments with cohort names.</summary>
    public async Task<IReadOnlyList<EnrolledPerson>> GetEnrolmentsOfAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.CandidateUserId, u.DisplayName, e.CohortId, c.Name AS CohortName FROM Enrolments e
            JOIN Users u ON u.Id = e.CandidateUserId JOIN Cohorts c ON c.Id = e.CohortId
            WHERE e.CandidateUserId = @candidateUserId ORDER BY e.EnrolledUtc, e.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<EnrolledPerson>(new CommandDefinition(sql, new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The cohorts a candidate is enrolled on, in the order they enrolled.</summary>
    public async Task<IReadOnlyList<int>> GetEnrolledCohortIdsAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT CohortId FROM Enrolments WHERE CandidateUserId = @candidateUserId ORDER BY EnrolledUtc, Id", new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Changes a cohort's attendance rule.</summary>
    public async Task SetAttendanceThresholdAsync(int cohortId, int percent, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Cohorts SET AttendanceThresholdPercent = @percent WHERE Id = @cohortId", new { cohortId, percent }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<int>> CreateSessionsAsync(IReadOnlyList<WebinarSession> sessions, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO WebinarSessions (CohortId, SeriesId, Title, AgendaMarkdown, StartUtc, DurationMinutes, FacilitatorUserId,
                JoinUrl, Venue, Capacity, FrameworkAreas, Status, Sequence, RecordingUrl, Version, CreatedUtc, UpdatedUtc)
            VALUES (@CohortId, @SeriesId, @Title, @AgendaMarkdown, @StartUtc, @DurationMinutes, @FacilitatorUserId,
                @JoinUrl, @Venue, @Capacity, @FrameworkAreas, @Status, 0, @RecordingUrl, 1, @CreatedUtc, @CreatedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<int>();
        foreach (var session in sessions)
        {
            ids.Add(await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, SessionRow.From(session), transaction, cancellationToken: cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    public async Task<WebinarSession?> GetSessionAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {SessionColumns} FROM WebinarSessions WHERE Id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToSession();
    }

    public async Task<IReadOnlyList<WebinarSession>> GetSessionsForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {SessionColumns} FROM WebinarSessions WHERE CohortId = @cohortId ORDER BY StartUtc, Id", new { cohortId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSession()).ToList();
    }

    public async Task<IReadOnlyList<RosterMember>> GetFacilitatorNamesAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        // A sessions page names up to a page's facilitators: one JSON parameter rather than one per person (IdList).
        var parameters = new DynamicParameters();
        var sql = $"""
            SELECT u.Id AS UserId, u.DisplayName, u.Email FROM Users u
            WHERE {IdList.In(db.Dialect, "u.Id", "ids", userIds, parameters)} AND {MayFacilitate("u")}
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RosterMember>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Saves a changed session when nobody else changed it first (<c>Version</c>), raising its calendar
    /// <c>Sequence</c>. False on a lost race.
    /// </summary>
    public async Task<bool> UpdateSessionAsync(WebinarSession session, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE WebinarSessions SET Title = @Title, AgendaMarkdown = @AgendaMarkdown, StartUtc = @StartUtc,
                DurationMinutes = @DurationMinutes, FacilitatorUserId = @FacilitatorUserId, JoinUrl = @JoinUrl, Venue = @Venue,
                Capacity = @Capacity, FrameworkAreas = @FrameworkAreas, Status = @Status, RecordingUrl = @RecordingUrl,
                Sequence = Sequence + 1, Version = Version + 1, UpdatedUtc = @UpdatedUtc
            WHERE Id = @Id AND Version = @Version
            """;
        var row = SessionRow.From(session) with { UpdatedUtc = nowUtc };
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, row, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records a reminder; false when it was already recorded (so it is never sent twice).</summary>
    public async Task<bool> TryRecordReminderAsync(int sessionId, int userId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO WebinarReminders (SessionId, UserId, SentUtc)
            SELECT @sessionId, @userId, @nowUtc WHERE NOT EXISTS (SELECT 1 FROM WebinarReminders WHERE SessionId = @sessionId AND UserId = @userId)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        try
        {
            return await connection.ExecuteAsync(new CommandDefinition(sql, new { sessionId, userId, nowUtc }, cancellationToken: cancellationToken)) == 1;
        }
        catch (System.Data.Common.DbException)
        {
            // Another instance recorded it between the check and the insert: the primary key said no.
            return false;
        }
    }

    internal sealed record SessionRow
    {
        public int Id { get; init; }
        public int CohortId { get; init; }
        public string? SeriesId { get; init; }
        public string Title { get; init; } = string.Empty;
        public string AgendaMarkdown { get; init; } = string.Empty;
        public DateTime StartUtc { get; init; }
        public int DurationMinutes { get; init; }
        public int? FacilitatorUserId { get; init; }
        public string? JoinUrl { get; init; }
        public string? Venue { get; init; }
        public int Capacity { get; init; }
        public string FrameworkAreas { get; init; } = string.Empty;
        public string Status { get; init; } = nameof(SessionStatus.Scheduled);
        public int Sequence { get; init; }
        public string? RecordingUrl { get; init; }
        public int Version { get; init; }
        public DateTime CreatedUtc { get; init; }
        public DateTime UpdatedUtc { get; init; }

        public static SessionRow From(WebinarSession s) => new()
        {
            Id = s.Id, CohortId = s.CohortId, SeriesId = s.SeriesId, Title = s.Title, AgendaMarkdown = s.AgendaMarkdown,
            StartUtc = s.StartUtc, DurationMinutes = s.DurationMinutes, FacilitatorUserId = s.FacilitatorUserId, JoinUrl = s.JoinUrl,
            Venue = s.Venue, Capacity = s.Capacity, FrameworkAreas = string.Join(',', s.FrameworkAreas), Status = s.Status.ToString(),
            Sequence = s.Sequence, RecordingUrl = s.RecordingUrl, Version = s.Version, CreatedUtc = s.CreatedUtc, UpdatedUtc = s.UpdatedUtc,
        };

        public WebinarSession ToSession() => new()
        {
            Id = Id, CohortId = CohortId, SeriesId = SeriesId, Title = Title, AgendaMarkdown = AgendaMarkdown, StartUtc = StartUtc,
            DurationMinutes = DurationMinutes, FacilitatorUserId = FacilitatorUserId, JoinUrl = JoinUrl, Venue = Venue, Capacity = Capacity,
            FrameworkAreas = FrameworkAreas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Status = Enum.Parse<SessionStatus>(Status), Sequence = Sequence, RecordingUrl = RecordingUrl, Version = Version,
            CreatedUtc = CreatedUtc, UpdatedUtc = UpdatedUtc,
        };
    }

    /// <summary>A cohort with the person's standing on it, read as SQLite gives it (Int64 columns, settable properties).</summary>
    private sealed class ReachRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string TimeZone { get; set; } = string.Empty;
        public long ProviderId { get; set; }
        public string? FrameworkCode { get; set; }
        public string DeliveryModel { get; set; } = "Online";
        public long AttendanceThresholdPercent { get; set; }
        public long IsAdmin { get; set; }
        public long IsFacilitator { get; set; }
        public long IsEnrolled { get; set; }

        public CohortReach ToReach() => new(
            new SessionCohort
            {
                Id = (int)Id, Name = Name, TimeZone = TimeZone, ProviderId = (int)ProviderId, FrameworkCode = FrameworkCode,
                DeliveryModel = DeliveryModel, AttendanceThresholdPercent = (int)AttendanceThresholdPercent,
            },
            IsAdmin != 0, IsFacilitator != 0, IsEnrolled != 0);
    }
}
