using System.Data.Common;
using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>The writes of a course's programme: modules and items, their order, images and editors.</summary>
public sealed partial class ProgrammeRepository
{
    public async Task<int> CreateModuleAsync(MaterialModule module, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO MaterialModules (CourseId, Position, Title, Summary, ReleaseRule, Version, CreatedUtc, UpdatedUtc)
            VALUES (@CourseId, (SELECT COALESCE(MAX(Position), 0) + 1 FROM MaterialModules WHERE CourseId = @CourseId),
                    @Title, @Summary, @ReleaseRule, 1, @CreatedUtc, @UpdatedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new
        {
            module.CourseId, module.Title, module.Summary, ReleaseRule = module.ReleaseRule.ToString(), module.CreatedUtc, module.UpdatedUtc,
        }, cancellationToken: cancellationToken));
        cache.Forget();
        return id;
    }

    public async Task<bool> UpdateModuleAsync(MaterialModule module, int expectedVersion, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE MaterialModules SET Title = @Title, Summary = @Summary, ReleaseRule = @ReleaseRule, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        var saved = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            module.Id, module.Title, module.Summary, ReleaseRule = module.ReleaseRule.ToString(), module.UpdatedUtc, expectedVersion,
        }, cancellationToken: cancellationToken)) == 1;
        cache.Forget();
        return saved;
    }

    public async Task<bool> DeleteEmptyModuleAsync(int moduleId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            DELETE FROM MaterialModuleReleases WHERE ModuleId = @moduleId AND NOT EXISTS (SELECT 1 FROM MaterialItems WHERE ModuleId = @moduleId);
            DELETE FROM MaterialModules WHERE Id = @moduleId AND NOT EXISTS (SELECT 1 FROM MaterialItems WHERE ModuleId = @moduleId);
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { moduleId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
        return deleted > 0 && await ModuleGoneAsync(connection, moduleId, cancellationToken);
    }

    public async Task MoveModuleAsync(int moduleId, int newIndex, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var courseId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT CourseId FROM MaterialModules WHERE Id = @moduleId", new { moduleId }, transaction, cancellationToken: cancellationToken));
        if (courseId is null)
        {
            return;
        }

        var order = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT Id FROM MaterialModules WHERE CourseId = @courseId ORDER BY Position, Id", new { courseId }, transaction, cancellationToken: cancellationToken))).AsList();
        await RenumberAsync(connection, transaction, "MaterialModules", Reordered(order, moduleId, newIndex), nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
    }

    public async Task<int> CreateItemAsync(MaterialItem item, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO MaterialItems (ModuleId, Position, Kind, Title, State, Body, Url, FileStoredName, FileName, FileContentType, FileBytes,
                CaptionsStoredName, Transcript, Questions, Version, CreatedUtc, UpdatedUtc, PublishedUtc)
            VALUES (@ModuleId, (SELECT COALESCE(MAX(Position), 0) + 1 FROM MaterialItems WHERE ModuleId = @ModuleId), @Kind, @Title, @State, @Body, @Url,
                @FileStoredName, @FileName, @FileContentType, @FileBytes, @CaptionsStoredName, @Transcript, @Questions, 1, @CreatedUtc, @UpdatedUtc, @PublishedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, ItemParameters(item), transaction, cancellationToken: cancellationToken));
        await WriteStatementsAsync(connection, transaction, id, item.StatementIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
        return id;
    }

    public async Task<bool> UpdateItemAsync(MaterialItem item, int expectedVersion, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE MaterialItems SET Title = @Title, State = @State, Body = @Body, Url = @Url, FileStoredName = @FileStoredName, FileName = @FileName,
                FileContentType = @FileContentType, FileBytes = @FileBytes, CaptionsStoredName = @CaptionsStoredName, Transcript = @Transcript,
                Questions = @Questions, UpdatedUtc = @UpdatedUtc, PublishedUtc = @PublishedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @ExpectedVersion
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new DynamicParameters(ItemParameters(item));
        parameters.Add("Id", item.Id);
        parameters.Add("ExpectedVersion", expectedVersion);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MaterialItemStatements WHERE ItemId = @Id", new { item.Id }, transaction, cancellationToken: cancellationToken));
        await WriteStatementsAsync(connection, transaction, item.Id, item.StatementIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
        return true;
    }

    public async Task MoveItemAsync(int itemId, int toModuleId, int newIndex, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fromModuleId = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT ModuleId FROM MaterialItems WHERE Id = @itemId", new { itemId }, transaction, cancellationToken: cancellationToken));
        if (fromModuleId is null)
        {
            return;
        }

        if (fromModuleId != toModuleId)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE MaterialItems SET ModuleId = @toModuleId, Position = 1000000 WHERE Id = @itemId", new { itemId, toModuleId }, transaction, cancellationToken: cancellationToken));
            var left = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT Id FROM MaterialItems WHERE ModuleId = @fromModuleId ORDER BY Position, Id", new { fromModuleId }, transaction, cancellationToken: cancellationToken))).AsList();
            await RenumberAsync(connection, transaction, "MaterialItems", left, nowUtc, cancellationToken);
        }

        var order = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT Id FROM MaterialItems WHERE ModuleId = @toModuleId ORDER BY Position, Id", new { toModuleId }, transaction, cancellationToken: cancellationToken))).AsList();
        await RenumberAsync(connection, transaction, "MaterialItems", Reordered(order, itemId, newIndex), nowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
    }

    public Task<bool> HasProgressAsync(int itemId, CancellationToken cancellationToken = default) =>
        ExistsAsync("SELECT COUNT(*) FROM MaterialProgress WHERE ItemId = @itemId", new { itemId }, cancellationToken);

    public async Task<bool> DeleteItemAsync(int itemId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            DELETE FROM MaterialItemStatements WHERE ItemId = @itemId AND NOT EXISTS (SELECT 1 FROM MaterialProgress WHERE ItemId = @itemId);
            DELETE FROM KnowledgeCheckAttempts WHERE ItemId = @itemId AND NOT EXISTS (SELECT 1 FROM MaterialProgress WHERE ItemId = @itemId);
            DELETE FROM MaterialItems WHERE Id = @itemId AND NOT EXISTS (SELECT 1 FROM MaterialProgress WHERE ItemId = @itemId);
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { itemId }, transaction, cancellationToken: cancellationToken));
        var remaining = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM MaterialItems WHERE Id = @itemId", new { itemId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        cache.Forget();
        return remaining == 0;
    }

    public async Task<int> AddAssetAsync(MaterialAsset asset, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO MaterialAssets (CourseId, StoredName, FileName, ContentType, SizeBytes, UploadedByUserId, UploadedUtc)
            VALUES (@CourseId, @StoredName, @FileName, @ContentType, @SizeBytes, @UploadedByUserId, @UploadedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, asset, cancellationToken: cancellationToken));
    }

    public async Task<MaterialAsset?> GetAssetAsync(int assetId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT Id, CourseId, StoredName, FileName, ContentType, SizeBytes, UploadedByUserId, UploadedUtc FROM MaterialAssets WHERE Id = @assetId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition(sql, new { assetId }, cancellationToken: cancellationToken)))?.ToRecord();
    }

    public async Task<(IReadOnlyList<(int UserId, string DisplayName)> Editors, int Total)> GetEditorsPageAsync(int courseId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var sql = """
            SELECT u.Id, u.DisplayName FROM MaterialEditors e JOIN Users u ON u.Id = e.UserId WHERE e.CourseId = @courseId ORDER BY u.DisplayName, u.Id
            """ + db.Dialect.Page;
        const string count = "SELECT COUNT(*) FROM MaterialEditors WHERE CourseId = @courseId";
        var parameters = new { courseId, Skip = skip, Take = take };
        await using var connection = await db.OpenAsync(cancellationToken);
        var editors = (await connection.QueryAsync<(int, string)>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        return (editors, await connection.ExecuteScalarAsync<int>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken)));
    }

    public async Task SetEditorAsync(int courseId, int userId, bool isEditor, CancellationToken cancellationToken = default)
    {
        const string remove = "DELETE FROM MaterialEditors WHERE CourseId = @courseId AND UserId = @userId";
        const string add = """
            INSERT INTO MaterialEditors (CourseId, UserId) SELECT @courseId, @userId
            WHERE NOT EXISTS (SELECT 1 FROM MaterialEditors WHERE CourseId = @courseId AND UserId = @userId)
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(isEditor ? add : remove, new { courseId, userId }, cancellationToken: cancellationToken));
    }

    private static object ItemParameters(MaterialItem item) => new
    {
        item.ModuleId, Kind = item.Kind.ToString(), item.Title, State = item.State.ToString(), item.Body, item.Url, item.FileStoredName, item.FileName,
        item.FileContentType, item.FileBytes, item.CaptionsStoredName, item.Transcript, item.Questions, item.CreatedUtc, item.UpdatedUtc, item.PublishedUtc,
    };

    private static async Task WriteStatementsAsync(DbConnection connection, DbTransaction transaction, int itemId, IReadOnlyList<string> statementIds, CancellationToken cancellationToken)
    {
        foreach (var statementId in statementIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO MaterialItemStatements (ItemId, StatementId) VALUES (@itemId, @statementId)", new { itemId, statementId }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>The ids in their new order, with <paramref name="id"/> moved to <paramref name="newIndex"/> (clamped).</summary>
    private static List<int> Reordered(List<int> order, int id, int newIndex)
    {
        order.Remove(id);
        order.Insert(Math.Clamp(newIndex, 0, order.Count), id);
        return order;
    }

    private static async Task RenumberAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<int> ids, DateTime nowUtc, CancellationToken cancellationToken)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table} SET Position = @position, UpdatedUtc = @nowUtc WHERE Id = @id AND Position <> @position",
                new { id = ids[i], position = i + 1, nowUtc }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task<bool> ModuleGoneAsync(DbConnection connection, int moduleId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM MaterialModules WHERE Id = @moduleId", new { moduleId }, cancellationToken: cancellationToken)) == 0;
}
