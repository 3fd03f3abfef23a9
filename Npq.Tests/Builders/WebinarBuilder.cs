using Npq.Core.Time;
using Npq.Core.Webinars;

namespace Npq.Tests.Builders;

/// <summary>
/// A cohort's webinars: sessions the admin schedules on the form's path (<see cref="WebinarScheduling.ScheduleAsync"/>)
/// and may cancel, and attendance as <see cref="AttendanceRecording"/> keeps it (segments imported from the meeting
/// platform, the facilitator's register marks).
/// </summary>
public sealed class WebinarBuilder(Build build)
{
    /// <summary>
    /// An online session titled "Session", for 100 people, starting at <paramref name="startUtc"/> (given in UTC; the
    /// form takes the cohort's wall-clock time), scheduled at that instant, and cancelled when asked.
    /// </summary>
    public async Task<int> SessionAsync(int cohortId, DateTime startUtc, int minutes = 60, bool cancelled = false)
    {
        var admin = (await build.AdminAsync()).Id;
        var cohort = await build.RunAsync<SessionQueries, SessionCohort?>(null, queries => queries.CohortAsync(cohortId))
            ?? Build.Refused<SessionCohort>("session", [$"no cohort {cohortId}"]);
        var local = ZonedTime.ToLocal(startUtc, cohort.TimeZone);
        var draft = new SessionDraft
        {
            Title = "Session", Date = DateOnly.FromDateTime(local), StartTime = TimeOnly.FromDateTime(local), DurationMinutes = minutes,
            Capacity = 100, Mode = SessionMode.Online, JoinUrl = "https://meet.example/session", Occurrences = 1,
        };
        return await build.RunAsync<WebinarScheduling, int>(startUtc, async scheduling =>
        {
            var scheduled = await scheduling.ScheduleAsync(cohort, draft, new HashSet<string>(), admin, ipAddress: null);
            if (!scheduled.Done)
            {
                return Build.Refused<int>("session", scheduled.Problems.Select(p => p.Message));
            }

            var id = scheduled.SessionIds.Single();
            if (cancelled)
            {
                var session = await build.RunAsync<SessionQueries, WebinarSession?>(null, queries => queries.SessionAsync(id));
                var cancel = await scheduling.CancelAsync(session!, admin, ipAddress: null);
                if (!cancel.Done)
                {
                    return Build.Refused<int>($"cancelling session {id}", [cancel.Conflict ?? string.Empty]);
                }
            }

            return id;
        });
    }

    /// <summary>
    /// What the meeting platform's import says: the person was in the session from <paramref name="joinUtc"/> until
    /// <paramref name="leaveUtc"/> (null: never seen leaving), written when they left (or joined).
    /// </summary>
    public Task SegmentAsync(int sessionId, int userId, DateTime joinUtc, DateTime? leaveUtc) =>
        build.RunAsync<AttendanceRecording>(leaveUtc ?? joinUtc, attendance => attendance.AddSegmentsAsync(
        [
            new AttendanceSegment { SessionId = sessionId, UserId = userId, JoinUtc = joinUtc, LeaveUtc = leaveUtc, Source = AttendanceSource.Import },
        ]));

    /// <summary>The register's mark for the person, recorded by <paramref name="recordedByUserId"/> (at <paramref name="atUtc"/> or now).</summary>
    public Task MarkAsync(int sessionId, int userId, RegisterMark mark, int recordedByUserId, DateTime? atUtc = null) =>
        build.RunAsync<AttendanceRecording>(atUtc, attendance => attendance.MarkAsync(sessionId, [(userId, mark, null)], recordedByUserId));
}
