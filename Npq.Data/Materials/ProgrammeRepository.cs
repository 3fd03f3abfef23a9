using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>Courses' programmes of modules and items, and when modules open for cohorts.</summary>
public sealed partial class ProgrammeRepository(IDbConnectionFactory db, ProgrammeCache cache) : IProgrammeRepository
{
    internal const string ModuleColumns = "Id, CourseId, Position, Title, Summary, ReleaseRule, Version, CreatedUtc, UpdatedUtc";

    internal const string ItemColumns = """
        i.Id, i.ModuleId, i.Position, i.Kind, i.Title, i.State, i.Body, i.Url, i.FileStoredName, i.FileName, i.FileContentType,
        i.FileBytes, i.CaptionsStoredName, i.Transcript, i.Questions, i.Version, i.CreatedUtc, i.UpdatedUtc, i.PublishedUtc
        """;

    public Task<Programme> GetProgrammeAsync(int courseId, CancellationToken cancellationToken = default) =>
        cache.GetAsync(courseId, () => ReadProgrammeAsync(courseId, cancellationToken));

    private static readonly StatementBatch ProgrammeOfCourse = new($"""
        SELECT {ModuleColumns} FROM MaterialModules WHERE CourseId = @courseId ORDER BY Position, Id;
        SELECT {ItemColumns} FROM MaterialItems i JOIN MaterialModules m ON m.Id = i.ModuleId
        WHERE m.CourseId = @courseId ORDER BY i.ModuleId, i.Position, i.Id;
        SELECT s.ItemId, s.StatementId FROM MaterialItemStatements s
        JOIN MaterialItems i ON i.Id = s.ItemId JOIN MaterialModules m ON m.Id = i.ModuleId
        WHERE m.CourseId = @courseId ORDER BY s.ItemId, s.StatementId;
        """, results: 3);

    private static readonly StatementBatch ItemWithStatements = new($"""
        SELECT {ItemColumns} FROM MaterialItems i WHERE i.Id = @itemId;
        SELECT StatementId FROM MaterialItemStatements WHERE ItemId = @itemId ORDER BY StatementId;
        """, results: 2);

    private async Task<Programme> ReadProgrammeAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await ProgrammeOfCourse.ReadAsync(connection, new { courseId }, cancellationToken);
        var modules = await grid.ReadAsync<MaterialModule>();
        var items = await grid.ReadAsync<MaterialItem>();
        var statements = (await grid.ReadAsync<(int ItemId, string StatementId)>())
            .GroupBy(s => s.ItemId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.StatementId).ToList());
        var byModule = items.Select(i => i with { StatementIds = statements.GetValueOrDefault(i.Id, []) }).ToLookup(i => i.ModuleId);
        return new Programme(courseId, modules.Select(m => new ProgrammeModule(m, byModule[m.Id].ToList())).ToList());
    }

    public async Task<MaterialItem?> GetItemAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await ItemWithStatements.ReadAsync(connection, new { itemId }, cancellationToken);
        var item = await grid.ReadSingleOrDefaultAsync<MaterialItem>();
        var statements = await grid.ReadAsync<string>();
        return item is null ? null : item with { StatementIds = statements };
    }

    public async Task<MaterialModule?> GetModuleAsync(int moduleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MaterialModule>(new CommandDefinition(
            $"SELECT {ModuleColumns} FROM MaterialModules WHERE Id = @moduleId", new { moduleId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<int, ModuleRelease>> GetReleasesAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT CohortId, ModuleId, OpensOn, OpenedEarlyUtc, OpenedEarlyByUserId FROM MaterialModuleReleases WHERE CohortId = @cohortId";
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StudyRows.Release>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ModuleId, r => r.ToRecord());
    }

    public async Task<MaterialsCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT c.Id AS CohortId, c.Name AS CohortName, c.TimeZone, co.Id AS CourseId, co.Name AS CourseName, co.ProviderId, co.FrameworkCode
            FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<StudyRows.Cohort>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public async Task<MaterialsCourse?> GetCourseAsync(int courseId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT Id AS CourseId, Name AS CourseName, ProviderId, FrameworkCode FROM Courses WHERE Id = @courseId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public Task<bool> IsProviderAdminOfCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default) => ExistsAsync("""
        SELECT COUNT(*) FROM Courses co JOIN Users u ON u.ProviderId = co.ProviderId
        JOIN UserRoles ur ON ur.UserId = u.Id JOIN Roles r ON r.Id = ur.RoleId
        WHERE co.Id = @courseId AND u.Id = @userId AND r.NormalizedName = 'PROVIDERADMIN'
        """, new { courseId, userId }, cancellationToken);

    public Task<bool> IsEditorAsync(int courseId, int userId, CancellationToken cancellationToken = default) =>
        ExistsAsync("SELECT COUNT(*) FROM MaterialEditors WHERE CourseId = @courseId AND UserId = @userId", new { courseId, userId }, cancellationToken);

    public Task<bool> IsStudyingAsync(int cohortId, int userId, CancellationToken cancellationToken = default) => ExistsAsync(
        "SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId AND CandidateUserId = @userId AND TrainingStatus <> 'Withdrawn'",
        new { cohortId, userId }, cancellationToken);

    public Task<bool> IsFacilitatorAsync(int cohortId, int userId, CancellationToken cancellationToken = default) => ExistsAsync("""
        SELECT (SELECT COUNT(*) FROM CohortFacilitators WHERE CohortId = @cohortId AND UserId = @userId)
             + (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId AND MentorUserId = @userId)
        """, new { cohortId, userId }, cancellationToken);

    private async Task<bool> ExistsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) > 0;
    }
}
