using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>
/// The files a person attached to discussion posts: listed in their export (with the files themselves), and on
/// erasure removed, rows and stored files both. Runs before <see cref="DiscussionsPersonalData"/>.
/// </summary>
public sealed class DiscussionAttachmentsPersonalData(IDbConnectionFactory db) : IPersonalDataContributor
{
    public int Order => 54;

    private const string Listed = """
        SELECT a.Id AS AttachmentId, a.PostId, a.FileName, a.ContentType, a.SizeBytes, a.UploadedUtc
        FROM DiscussionAttachments a WHERE a.UploadedByUserId = @userId ORDER BY a.Id
        """;

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var sections = await PersonalDataSections.ReadAsync(connection, [("discussion_attachments", Listed)], userId, cancellationToken);
        var files = await connection.QueryAsync<FileRow>(new CommandDefinition(
            "SELECT StoredName, FileName FROM DiscussionAttachments WHERE UploadedByUserId = @userId ORDER BY Id", new { userId }, cancellationToken: cancellationToken));
        return new PersonalDataExport(sections, files.Select(f => new PersonalFile(f.StoredName, f.FileName)).ToList());
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT StoredName FROM DiscussionAttachments WHERE UploadedByUserId = @userId", new { userId }, transaction, cancellationToken: cancellationToken))).ToList();
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DiscussionAttachments WHERE UploadedByUserId = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, 0, stored);
    }

    private sealed class FileRow
    {
        public string StoredName { get; set; } = "";
        public string FileName { get; set; } = "";
    }
}
