using System.Data.Common;
using Dapper;

namespace Npq.Data.Enrolment;

/// <summary>Appends the enrolment's state, as it now stands, to its history (inside the caller's transaction).</summary>
internal static class EnrolmentHistoryWriter
{
    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, int enrolmentId, string change, int? actorUserId, DateTime nowUtc, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO EnrolmentHistory (EnrolmentId, ChangedUtc, ChangedByUserId, Change, TrainingStatus, StatusReason, CohortId, MentorUserId)
            SELECT Id, @nowUtc, @actorUserId, @change, TrainingStatus, StatusReason, CohortId, MentorUserId FROM Enrolments WHERE Id = @enrolmentId
            """,
            new { enrolmentId, change, actorUserId, nowUtc }, transaction, cancellationToken: cancellationToken));
}

/// <summary>Serialises changes that take a cohort's places: the first statement of such a transaction.</summary>
internal static class CohortLock
{
    /// <summary>
    /// A no-op update of the cohort's row. SQL Server holds its exclusive row lock, and SQLite its write lock
    /// (transactions begin IMMEDIATE), until the transaction ends, so place counts read after it are stable.
    /// </summary>
    public static async Task<bool> TakeAsync(DbConnection connection, DbTransaction transaction, int cohortId, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Cohorts SET Capacity = Capacity WHERE Id = @cohortId", new { cohortId }, transaction, cancellationToken: cancellationToken)) == 1;
}
