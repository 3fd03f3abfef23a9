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
    public static async Task<IReadOnlyList<ListedSession>> ReadAsync(DbDataReader reader, bool withCohort, CancellationToken cancellationToken) =>
        await reader.ReadAllAsync(row =>
        {
            var summary = Summary(row);
            var listed = new ListedSession(summary, DbValues.ReadText(row, 10));
            return withCohort ? listed with { Cohort = Cohort(row, summary.CohortId) } : listed;
        }, cancellationToken);

    /// <summary>A session's summary from the first ten columns of the current row (<see cref="WebinarRepository.SummaryColumns"/>).</summary>
    public static SessionSummary Summary(DbDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        CohortId = reader.GetInt32(1),
        Title = reader.GetString(2),
        StartUtc = DbValues.ReadInstant(reader, 3),
        DurationMinutes = reader.GetInt32(4),
        FacilitatorUserId = DbValues.ReadNumber(reader, 5),
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
