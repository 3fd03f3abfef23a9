using Dapper;
using Npq.Core.Webinars;

namespace Npq.Data.Webinars;

/// <summary>The cohorts a person runs, a page at a time (the attendance page's "Cohorts you run").</summary>
public sealed partial class WebinarRepository
{
    public async Task<(int Total, IReadOnlyList<CohortReach> Rows)> GetManagedCohortsPageAsync(
        int userId, bool isProviderAdmin, bool isMentor, int skip, int take, CancellationToken cancellationToken = default)
    {
        const string isAdmin = "@isProviderAdmin = 1 AND co.ProviderId = (SELECT ProviderId FROM Users WHERE Id = @userId)";
        const string isFacilitator = """
            @isMentor = 1 AND (c.Id IN (SELECT CohortId FROM Enrolments WHERE MentorUserId = @userId)
                               OR c.Id IN (SELECT CohortId FROM WebinarSessions WHERE FacilitatorUserId = @userId))
            """;
        const string from = $"FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE ({isAdmin}) OR ({isFacilitator})";
        var parameters = new { userId, isProviderAdmin = isProviderAdmin ? 1 : 0, isMentor = isMentor ? 1 : 0, Skip = skip, Take = take };
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) " + from, parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ReachRow>(new CommandDefinition(
            $"""
            SELECT {CohortColumns},
                   CASE WHEN {isAdmin} THEN 1 ELSE 0 END AS IsAdmin,
                   CASE WHEN {isFacilitator} THEN 1 ELSE 0 END AS IsFacilitator,
                   0 AS IsEnrolled
            {from}
            ORDER BY c.StartDate, c.Name, c.Id
            """ + db.Dialect.Page, parameters, cancellationToken: cancellationToken));
        return (total, rows.Select(r => r.ToReach()).ToList());
    }
}
