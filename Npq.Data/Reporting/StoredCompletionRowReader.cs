using System.Data.Common;
using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// A row of the completion report as stored (<see cref="CompletionReportSql.StoredPage"/>), read by position with typed
/// reads: the table's 22 columns, then, when every field is read (<see cref="CompletionColumns.All"/>, known by the
/// row's width), the 8 only exports use, in the order <c>StoredColumns</c> selects them. Through Dapper each value was
/// boxed and its type looked up again, and the parser was found each page by hashing the columns' names (about 9 % of
/// the admin's report at 10,000 candidates). A value Dapper would have left at the field's default when null (the kept
/// names of a row with no fresh figures, which is computed live in its place) is left there here too.
/// Both engines store these columns as integers and text (SQL Server: INT, NVARCHAR; the completion date DATE).
/// </summary>
internal static class StoredCompletionRowReader
{
    /// <summary>Where the kept figures' own id is: null when the row has none fresh and is computed live.</summary>
    public const int FiguresOf = 8;

    private const int TableWidth = 22;

    public static CompletionRow Read(DbDataReader reader)
    {
        var all = reader.FieldCount > TableWidth;
        return new CompletionRow
        {
            EnrolmentId = reader.GetInt32(0),
            CandidateName = DbValues.ReadText(reader, 1) ?? string.Empty,
            SchoolName = DbValues.ReadText(reader, 2),
            DfeParticipantId = DbValues.ReadText(reader, 3),
            CohortName = DbValues.ReadText(reader, 4) ?? string.Empty,
            DfeCohort = DbValues.ReadText(reader, 5) ?? string.Empty,
            TrainingStatus = Enum.Parse<TrainingStatus>(reader.GetString(6), ignoreCase: true),
            MentorName = DbValues.ReadText(reader, 7),
            SessionsCounted = reader.GetInt32(9),
            SessionsAttended = reader.GetInt32(10),
            StatementsCovered = reader.GetInt32(11),
            StatementsTotal = reader.GetInt32(12),
            TasksSet = reader.GetInt32(13),
            TasksSubmitted = reader.GetInt32(14),
            TasksOnTime = reader.GetInt32(15),
            TasksOverdue = reader.GetInt32(16),
            LatestRating = (ProgressRating?)DbValues.ReadNumber(reader, 17),
            MaterialsCompleted = reader.GetInt32(18),
            MaterialsTotal = reader.GetInt32(19),
            Outcome = reader.IsDBNull(20) ? null : Enum.Parse<OutcomeState>(reader.GetString(20), ignoreCase: true),
            CompletionDate = reader.IsDBNull(21) ? null : DbValues.ReadDate(reader, 21),
            CandidateUserId = all ? reader.GetInt32(22) : 0,
            CohortId = all ? reader.GetInt32(23) : 0,
            DfeApplicationId = all ? DbValues.ReadText(reader, 24) : null,
            CourseIdentifier = (all ? DbValues.ReadText(reader, 25) : null) ?? string.Empty,
            DeliveryPartnerName = all ? DbValues.ReadText(reader, 26) : null,
            FinalSubmitted = all && reader.GetInt32(27) != 0,
            LatestRatingSum = all ? reader.GetInt32(28) : -1,
            PreviousRatingSum = all ? reader.GetInt32(29) : -1,
        };
    }
}
