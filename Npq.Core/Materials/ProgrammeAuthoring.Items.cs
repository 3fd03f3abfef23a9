using Microsoft.Extensions.Logging;

namespace Npq.Core.Materials;

/// <summary>Items: created as drafts, edited, published and moved back to draft, reordered, deleted.</summary>
public sealed partial class ProgrammeAuthoring
{
    public const string ItemConflictMessage = "Someone else changed this item while you were editing. Your changes are below and were not saved: open the item again to see theirs.";
    public const string ItemHasProgressMessage = "Candidates have already started this item, so it cannot be deleted and their progress kept. Move it back to draft instead: they will no longer see it.";

    /// <summary>Adds a draft item of a kind at the end of a module.</summary>
    public async Task<AuthoringResult> CreateItemAsync(MaterialsCourse course, MaterialModule module, ItemKind kind, ItemDraft draft, Author author, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            return AuthoringResult.Refused("Kind", "Choose the kind of item.");
        }

        var (problems, statements) = CheckFields(kind, draft, FrameworkOf(course));
        if (problems.Count > 0)
        {
            return AuthoringResult.Refused(problems);
        }

        var now = Now;
        var item = Apply(new MaterialItem { ModuleId = module.Id, Kind = kind, State = ItemState.Draft, CreatedUtc = now }, draft, statements, now);
        var id = await programmes.CreateItemAsync(item, cancellationToken);
        await AuditAsync("materials.item.created", author, course.CourseId, $"item:{id};module:{module.Id};kind:{kind}", cancellationToken);
        logger.LogInformation("User {UserId} added {Kind} item {ItemId} to module {ModuleId}", author.UserId, kind, id, module.Id);
        return AuthoringResult.Ok(id);
    }

    /// <summary>
    /// Saves an item's fields when nobody changed it since the form was opened. It keeps its state and candidates'
    /// progress; a published item must still meet the publishing rules.
    /// </summary>
    public async Task<AuthoringResult> UpdateItemAsync(MaterialsCourse course, MaterialItem item, ItemDraft draft, Author author, CancellationToken cancellationToken = default)
    {
        var (problems, statements) = CheckFields(item.Kind, draft, FrameworkOf(course));
        if (problems.Count > 0)
        {
            return AuthoringResult.Refused(problems);
        }

        var changed = Apply(item, draft, statements, Now);
        if (changed.IsPublished && PublishProblems(changed) is { Count: > 0 } publishing)
        {
            return AuthoringResult.Refused(publishing);
        }

        return await SaveAsync(course, changed, draft.Version, "materials.item.updated", author, cancellationToken);
    }

    /// <summary>Publishes an item that meets the rules; candidates whose cohort has the module open then see it.</summary>
    public async Task<AuthoringResult> PublishAsync(MaterialsCourse course, MaterialItem item, int version, Author author, CancellationToken cancellationToken = default)
    {
        if (PublishProblems(item) is { Count: > 0 } problems)
        {
            return AuthoringResult.Refused(problems);
        }

        if (item.IsPublished)
        {
            return AuthoringResult.Ok(item.Id);
        }

        var now = Now;
        var published = item with { State = ItemState.Published, PublishedUtc = item.PublishedUtc ?? now, UpdatedUtc = now };
        return await SaveAsync(course, published, version, "materials.item.published", author, cancellationToken);
    }

    /// <summary>Moves a published item back to draft: candidates no longer see it; their completions are kept.</summary>
    public async Task<AuthoringResult> UnpublishAsync(MaterialsCourse course, MaterialItem item, int version, Author author, CancellationToken cancellationToken = default) =>
        !item.IsPublished
            ? AuthoringResult.Ok(item.Id)
            : await SaveAsync(course, item with { State = ItemState.Draft, UpdatedUtc = Now }, version, "materials.item.unpublished", author, cancellationToken);

    /// <summary>Deletes an item nobody has progress on, and its files; an item with progress is refused (move it back to draft instead).</summary>
    public async Task<AuthoringResult> DeleteItemAsync(MaterialsCourse course, MaterialItem item, Author author, CancellationToken cancellationToken = default)
    {
        if (await programmes.HasProgressAsync(item.Id, cancellationToken) || !await programmes.DeleteItemAsync(item.Id, cancellationToken))
        {
            return AuthoringResult.Refused(string.Empty, ItemHasProgressMessage);
        }

        foreach (var stored in new[] { item.FileStoredName, item.CaptionsStoredName }.OfType<string>())
        {
            await files.DeleteAsync(stored, cancellationToken);
        }

        await AuditAsync("materials.item.deleted", author, course.CourseId, $"item:{item.Id};module:{item.ModuleId}", cancellationToken);
        logger.LogInformation("User {UserId} deleted item {ItemId}", author.UserId, item.Id);
        return AuthoringResult.Ok(item.Id);
    }

    /// <summary>
    /// Moves an item one place up or down. Past the top or bottom of its module it goes to the end of the module
    /// before or the start of the module after, so the keyboard alone can take an item anywhere.
    /// </summary>
    public async Task<AuthoringResult> MoveItemAsync(MaterialsCourse course, MaterialItem item, MoveDirection direction, Author author, CancellationToken cancellationToken = default)
    {
        var modules = (await programmes.GetProgrammeAsync(course.CourseId, cancellationToken)).Modules;
        var m = modules.ToList().FindIndex(x => x.Module.Id == item.ModuleId);
        if (m < 0)
        {
            return AuthoringResult.Ok(item.Id);
        }

        var items = modules[m].Items;
        var i = items.ToList().FindIndex(x => x.Id == item.Id);
        (int ModuleId, int Index)? target = direction switch
        {
            MoveDirection.Up when i > 0 => (item.ModuleId, i - 1),
            MoveDirection.Up when m > 0 => (modules[m - 1].Module.Id, modules[m - 1].Items.Count),
            MoveDirection.Down when i < items.Count - 1 => (item.ModuleId, i + 1),
            MoveDirection.Down when m < modules.Count - 1 => (modules[m + 1].Module.Id, 0),
            _ => null,
        };
        if (target is not { } to)
        {
            return AuthoringResult.Ok(item.Id);
        }

        await programmes.MoveItemAsync(item.Id, to.ModuleId, to.Index, Now, cancellationToken);
        await AuditAsync("materials.item.moved", author, course.CourseId, $"item:{item.Id};module:{to.ModuleId};to:{to.Index + 1}", cancellationToken);
        logger.LogInformation("User {UserId} moved item {ItemId} to module {ModuleId} place {Position}", author.UserId, item.Id, to.ModuleId, to.Index + 1);
        return AuthoringResult.Ok(item.Id);
    }

    private async Task<AuthoringResult> SaveAsync(MaterialsCourse course, MaterialItem item, int expectedVersion, string action, Author author, CancellationToken cancellationToken)
    {
        if (!await programmes.UpdateItemAsync(item, expectedVersion, cancellationToken))
        {
            return AuthoringResult.Lost(ItemConflictMessage);
        }

        await AuditAsync(action, author, course.CourseId, $"item:{item.Id}", cancellationToken);
        logger.LogInformation("User {UserId} saved item {ItemId} ({Action})", author.UserId, item.Id, action);
        return AuthoringResult.Ok(item.Id);
    }
}
