using Dapper;
using Npq.Core.Webinars;

namespace Npq.Data.Webinars;

/// <summary>The reads of sessions that run unseen by any page: a person's calendar feed and the reminder job's due reminders.</summary>
public sealed partial class WebinarRepository
{
    /// <summary>
    /// A person's calendar: the sessions of their cohorts and those they facilitate, each a range of an index (by
    /// cohort, by facilitator) joined by id. Written as one condition with OR, SQLite read every session of the site in
    /// start order once it had statistics (0.15-0.23 ms a feed at 10,000 candidates, growing with the sessions).
    /// </summary>
    internal const string CalendarSql = $"""
        SELECT {SessionColumns} FROM WebinarSessions
        WHERE Id IN (
            SELECT s.Id FROM Enrolments e CROSS JOIN WebinarSessions s WHERE e.CandidateUserId = @userId AND s.CohortId = e.CohortId
            UNION
            SELECT Id FROM WebinarSessions WHERE FacilitatorUserId = @userId)
        ORDER BY StartUtc, Id
        """;

    /// <summary>A person's calendar: sessions of the cohorts they are enrolled on and the sessions they facilitate.</summary>
    public async Task<IReadOnlyList<WebinarSession>> GetSessionsForCalendarAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(CalendarSql, new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSession()).ToList();
    }

    /// <summary>
    /// Everyone to remind of the sessions starting in the window: each session's active candidates and its
    /// facilitator, not yet reminded. Read from the sessions in the window (a range of their start times), each with
    /// its cohort's enrolments: the reminder job asks every minute, and the cost is the window's sessions, never the
    /// site's (it had paired every session with every enrolment first: 70-100 ms a minute at 10,000 candidates). The
    /// cross join keeps SQLite on that order whatever its statistics say.
    /// </summary>
    internal const string DueRemindersSql = """
        SELECT s.Id AS SessionId, e.CandidateUserId AS UserId, s.Title, s.StartUtc, c.TimeZone AS CohortTimeZone, u.TimeZone AS UserTimeZone
        FROM WebinarSessions s
        CROSS JOIN Enrolments e
        JOIN Cohorts c ON c.Id = s.CohortId
        JOIN Users u ON u.Id = e.CandidateUserId
        WHERE s.Status = 'Scheduled' AND s.StartUtc > @fromUtc AND s.StartUtc <= @toUtc
          AND e.CohortId = s.CohortId AND e.TrainingStatus = 'Active' AND u.IsActive = 1
          AND NOT EXISTS (SELECT 1 FROM WebinarReminders r WHERE r.SessionId = s.Id AND r.UserId = e.CandidateUserId)
        UNION
        SELECT s.Id, s.FacilitatorUserId, s.Title, s.StartUtc, c.TimeZone, u.TimeZone
        FROM WebinarSessions s
        JOIN Cohorts c ON c.Id = s.CohortId
        JOIN Users u ON u.Id = s.FacilitatorUserId
        WHERE s.Status = 'Scheduled' AND s.StartUtc > @fromUtc AND s.StartUtc <= @toUtc AND u.IsActive = 1
          AND NOT EXISTS (SELECT 1 FROM WebinarReminders r WHERE r.SessionId = s.Id AND r.UserId = s.FacilitatorUserId)
        ORDER BY StartUtc, SessionId, UserId
        """;

    /// <summary>Sessions starting in the window (not cancelled), with everyone to remind who has not been reminded.</summary>
    public async Task<IReadOnlyList<DueReminder>> GetDueRemindersAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DueReminder>(new CommandDefinition(DueRemindersSql, new { fromUtc, toUtc }, cancellationToken: cancellationToken))).AsList();
    }
}
