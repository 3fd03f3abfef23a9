namespace Npq.Core.Webinars;

/// <summary>Attendance figures computed from the stored segments and register with the cohort's rule.</summary>
public sealed class AttendanceQueries(IWebinarRepository webinars, IAttendanceRepository attendance, TimeProvider time) : IAttendanceQueries
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

    public async Task<IReadOnlyDictionary<int, AttendanceSummary>> GetAttendanceForPeopleAsync(
        SessionCohort cohort, IReadOnlyList<int> candidateUserIds, CancellationToken cancellationToken = default)
    {
        if (candidateUserIds.Count == 0)
        {
            return new Dictionary<int, AttendanceSummary>();
        }

        var sessions = await webinars.GetSessionsForCohortAsync(cohort.Id, cancellationToken);
        var segments = (await attendance.GetSegmentsForPeopleAsync(cohort.Id, candidateUserIds, cancellationToken)).ToLookup(s => s.UserId);
        var marks = (await attendance.GetMarksForPeopleAsync(cohort.Id, candidateUserIds, cancellationToken)).ToLookup(m => m.UserId);
        var now = time.GetUtcNow().UtcDateTime;
        return candidateUserIds.Distinct().ToDictionary(
            id => id, id => AttendanceCalculator.Summarise(id, cohort, sessions, segments[id], marks[id], now));
    }

    public async Task<IReadOnlyList<AttendanceSummary>> GetAttendanceForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        // One read for every cohort (was five statements a cohort); each cohort's summary as GetAttendanceAsync gives it.
        var now = time.GetUtcNow().UtcDateTime;
        var facts = await attendance.GetCandidateFactsAsync(candidateUserId, now, cancellationToken);
        var cohorts = facts.Cohorts.ToDictionary(c => c.Id);
        var sessions = facts.Sessions.ToLookup(s => s.CohortId);
        var result = new List<AttendanceSummary>();
        foreach (var cohortId in facts.EnrolledCohortIds)
        {
            if (cohorts.TryGetValue(cohortId, out var cohort))
            {
                result.Add(AttendanceCalculator.Summarise(candidateUserId, cohort, sessions[cohortId], facts.Segments, facts.Marks, now));
            }
        }

        return result;
    }
}
