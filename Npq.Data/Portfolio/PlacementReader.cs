using System.Data.Common;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>
/// A candidate's place read by position with typed reads, from the columns of <see cref="PlacementRepository.Select"/>
/// in the order it selects them. Every home page reads places (a candidate's own, a mentor's caseload, a school's page):
/// through Dapper each of a place's 16 values was boxed and its type looked up again. Both engines store these columns
/// as integers, text and (SQL Server) DATE; the names, the zone and the status are never null (inner joins on NOT NULL
/// columns), the framework, the mentor and the school may be.
/// </summary>
internal static class PlacementReader
{
    public static CandidatePlacement Read(DbDataReader reader) => new()
    {
        EnrolmentId = reader.GetInt32(0),
        CandidateUserId = reader.GetInt32(1),
        CandidateName = reader.GetString(2),
        CohortId = reader.GetInt32(3),
        CohortName = reader.GetString(4),
        CohortZone = reader.GetString(5),
        CohortStart = DbValues.ReadDate(reader, 6),
        CourseId = reader.GetInt32(7),
        CourseName = reader.GetString(8),
        FrameworkCode = DbValues.ReadText(reader, 9),
        MentorUserId = DbValues.ReadNumber(reader, 10),
        MentorName = DbValues.ReadText(reader, 11),
        SchoolName = DbValues.ReadText(reader, 12),
        TrainingStatus = reader.GetString(13),
        CohortEnd = reader.IsDBNull(14) ? null : DbValues.ReadDate(reader, 14),
        OutcomeReleased = reader.GetInt32(15) != 0,
    };
}
