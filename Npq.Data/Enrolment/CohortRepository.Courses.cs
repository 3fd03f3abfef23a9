using Dapper;
using Npq.Core.Enrolment;

namespace Npq.Data.Enrolment;

/// <summary>A provider's courses as admins add and edit them.</summary>
public sealed partial class CohortRepository
{
    private const string CourseColumns = "Id, ProviderId, Identifier, ShortCode, Name, FrameworkCode, PricePence, IsLeadership, HasAssessment";

    public async Task<IReadOnlyList<Course>> GetCoursesAsync(int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Course>(new CommandDefinition(
            $"SELECT {CourseColumns} FROM Courses WHERE ProviderId = @providerId ORDER BY Name", new { providerId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<Course?> GetCourseAsync(int providerId, int courseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Course>(new CommandDefinition(
            $"SELECT {CourseColumns} FROM Courses WHERE ProviderId = @providerId AND Id = @courseId", new { providerId, courseId }, cancellationToken: cancellationToken));
    }

    /// <summary>True when the provider already runs another course with this DfE identifier.</summary>
    public async Task<bool> CourseIdentifierTakenAsync(int providerId, string identifier, int exceptCourseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Courses WHERE ProviderId = @providerId AND Identifier = @identifier AND Id <> @exceptCourseId",
            new { providerId, identifier, exceptCourseId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<int> CreateCourseAsync(Course course, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO Courses (ProviderId, Identifier, ShortCode, Name, FrameworkCode, PricePence, IsLeadership, HasAssessment)
            VALUES (@ProviderId, @Identifier, @ShortCode, @Name, @FrameworkCode, @PricePence, @IsLeadership, @HasAssessment)
            """ + db.Dialect.SelectLastInsertedId, course, cancellationToken: cancellationToken));
        reportChoices?.Changed();
        return id;
    }

    public async Task<bool> UpdateCourseAsync(Course course, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Courses SET Identifier = @Identifier, ShortCode = @ShortCode, Name = @Name, FrameworkCode = @FrameworkCode,
                PricePence = @PricePence, IsLeadership = @IsLeadership, HasAssessment = @HasAssessment
            WHERE Id = @Id AND ProviderId = @ProviderId
            """, course, cancellationToken: cancellationToken));
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return changed == 1;
    }
}
