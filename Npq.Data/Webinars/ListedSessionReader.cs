using System.Data.Common;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>
/// The rows of a sessions list read by position with typed reads: <see cref="WebinarRepository.SummaryColumns"/>, the
/// facilitator's name and, from a provider's list, the session's cohort (<c>ListedCohortColumns</c>), in that order.
/// The list is every sessions page's largest read; through Dapper each of its 17 values a row was boxed and its type
/// looked up again (7 % of the admin's sessions page's CPU samples at 10,000 candidates, 4.3 % read this way). Both
/// engines store these columns as integers and text (SQL Server: INT, NVARCHAR, DATETIME2), which the typed reads take
/// as they are. A candidate's attendance reads its sessions' summaries the same way (<see cref="Summary"/>).
/// </summary>
internal static class ListedSessionReader
{
    public static async Task<IReadOnlyList<ListedSession>> ReadAsync(DbDataReader reader, bool withCohort, CancellationToken cancellationToken)
    {
        var sessions = new List<ListedSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var summary = Summary(reader);
            var listed = new ListedSession(summary, DbValues.ReadText(reader, 10));
            sessions.Add(withCohort ? listed with { Cohort = Cohort(reader, summary.CohortId) } : listed);
        }

        return sessions;
    }

    /// <summary>A session's summary from the first ten columns of the current row (<see cref="WebinarRepository.SummaryColumns"/>).</summary>
    public static SessionSummary Summary(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        CohortId = reader.GetInt32(1),
        Title = reader.GetString(2),
        StartUtc = DbValues.ReadInstant(reader, 3),
        DurationMinutes = reader.GetInt32(4),
        FacilitatorUserId = reader.IsDBNull(5) ? null : reader.GetInt32(5),
        JoinUrl = DbValues.ReadText(reader, 6),
        Venue = DbValues.ReadText(reader, 7),
        Status = Enum.Parse<SessionStatus>(reader.GetString(8)),
        RecordingUrl = DbValues.ReadText(reader, 9),
    };

    private static SessionCohort Cohort(DbDataReader reader, int cohortId) => new()
    {
        Id = cohortId,
        Name = reader.GetString(11),
        TimeZone = reader.GetString(12),
        ProviderId = reader.GetInt32(13),
        FrameworkCode = DbValues.ReadText(reader, 14),
        DeliveryModel = reader.GetString(15),
        AttendanceThresholdPercent = reader.GetInt32(16),
    };
}
