using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>A cohort's opening dates for its course's modules and facilitators' early openings (one row per cohort and module).</summary>
public sealed class ReleaseRepository(IDbConnectionFactory db) : IReleaseRepository
{
    private const string EnsureRow = """
        INSERT INTO MaterialModuleReleases (CohortId, ModuleId) SELECT @cohortId, @moduleId
        WHERE NOT EXISTS (SELECT 1 FROM MaterialModuleReleases WHERE CohortId = @cohortId AND ModuleId = @moduleId);
        """;

    public Task SetOpensOnAsync(int cohortId, int moduleId, DateOnly? opensOn, CancellationToken cancellationToken = default) =>
        WriteAsync(EnsureRow + "UPDATE MaterialModuleReleases SET OpensOn = @opensOn WHERE CohortId = @cohortId AND ModuleId = @moduleId;",
            new { cohortId, moduleId, opensOn }, cancellationToken);

    public Task OpenEarlyAsync(int cohortId, int moduleId, int openedByUserId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        WriteAsync(EnsureRow + """
            UPDATE MaterialModuleReleases SET OpenedEarlyUtc = @nowUtc, OpenedEarlyByUserId = @openedByUserId
            WHERE CohortId = @cohortId AND ModuleId = @moduleId;
            """, new { cohortId, moduleId, openedByUserId, nowUtc }, cancellationToken);

    public Task UndoEarlyAsync(int cohortId, int moduleId, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE MaterialModuleReleases SET OpenedEarlyUtc = NULL, OpenedEarlyByUserId = NULL WHERE CohortId = @cohortId AND ModuleId = @moduleId",
            new { cohortId, moduleId }, cancellationToken);

    private async Task WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
