using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>
/// A person's part of the materials tables in the data rights: their progress through items (completion, where a
/// video stopped, best scores), every knowledge-check attempt with the answers chosen, and the programmes they may
/// edit. Erasure deletes them; it runs before the portfolio's rows go, since a reflection's progress row points at
/// the evidence item it became.
/// </summary>
public sealed class MaterialsPersonalData(IDbConnectionFactory db) : IPersonalDataContributor
{
    public int Order => 50;

    private static readonly (string Name, string Sql)[] ExportQueries =
    [
        ("materials_progress", """
            SELECT p.ItemId, i.Title AS ItemTitle, i.Kind AS ItemKind, m.Title AS ModuleTitle, co.Name AS CourseName,
                   p.IsComplete, p.CompletedUtc, p.BestScorePercent, p.Attempts, p.PositionSeconds, p.DurationSeconds, p.EvidenceId, p.UpdatedUtc
            FROM MaterialProgress p
            JOIN MaterialItems i ON i.Id = p.ItemId
            JOIN MaterialModules m ON m.Id = i.ModuleId
            JOIN Courses co ON co.Id = m.CourseId
            WHERE p.CandidateUserId = @userId
            ORDER BY co.Name, m.Position, i.Position, p.ItemId
            """),
        ("knowledge_check_answers", """
            SELECT a.Id, a.ItemId, i.Title AS ItemTitle, a.ScorePercent, a.Answers, a.SubmittedUtc
            FROM KnowledgeCheckAttempts a
            JOIN MaterialItems i ON i.Id = a.ItemId
            WHERE a.CandidateUserId = @userId
            ORDER BY a.SubmittedUtc, a.Id
            """),
        ("materials_editing_rights", """
            SELECT ed.CourseId, co.Name AS CourseName FROM MaterialEditors ed JOIN Courses co ON co.Id = ed.CourseId WHERE ed.UserId = @userId
            """),
    ];

    private static readonly string[] Deletes =
    [
        "DELETE FROM KnowledgeCheckAttempts WHERE CandidateUserId = @userId",
        "DELETE FROM MaterialProgress WHERE CandidateUserId = @userId",
        "DELETE FROM MaterialEditors WHERE UserId = @userId",
    ];

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sections = await PersonalDataSections.ReadAsync(connection, ExportQueries, userId, cancellationToken);

        return new PersonalDataExport(sections, []);
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = 0;
        foreach (var sql in Deletes)
        {
            removed += await connection.ExecuteAsync(new CommandDefinition(sql, new { userId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, 0, []);
    }
}
