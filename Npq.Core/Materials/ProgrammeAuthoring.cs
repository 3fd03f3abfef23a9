using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Validation;

namespace Npq.Core.Materials;

/// <summary>
/// The outcome of a change to a programme: done (with the new thing's id when one was made), refused with a problem
/// per field, or lost to someone else's change (<see cref="Conflict"/>, the sentence to show).
/// </summary>
public sealed record AuthoringResult
{
    public bool Done { get; init; }
    public int? Id { get; init; }
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];
    public string? Conflict { get; init; }

    public static AuthoringResult Ok(int? id = null) => new() { Done = true, Id = id };

    public static AuthoringResult Refused(IReadOnlyList<FieldProblem> problems) => new() { Problems = problems };

    public static AuthoringResult Refused(string field, string message) => new() { Problems = [new FieldProblem(field, message)] };

    public static AuthoringResult Lost(string conflict) => new() { Conflict = conflict };
}

/// <summary>What the module form sends.</summary>
public sealed record ModuleDraft
{
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public ReleaseRule ReleaseRule { get; init; }
    public int Version { get; init; }
}

public enum MoveDirection
{
    Up,
    Down,
}

/// <summary>Who makes a change, for the audit log.</summary>
public sealed record Author(int UserId, string? IpAddress);

/// <summary>
/// Authoring a course's programme: modules and items (created, edited, published, moved back to draft, reordered,
/// deleted), their files and images, and who besides the provider's admins may edit it. Edits are guarded by the
/// row's Version; an item someone has progress on is never deleted; every change is audited and logged with ids only.
/// </summary>
public sealed partial class ProgrammeAuthoring(
    IProgrammeRepository programmes,
    IFrameworkCatalog frameworks,
    ProviderStaff staff,
    IFileStore files,
    IAuditLog audit,
    IOptions<StorageOptions> storage,
    IOptions<MaterialUploadOptions> uploadOptions,
    TimeProvider time,
    ILogger<ProgrammeAuthoring> logger)
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 2000;
    public const string ModuleConflictMessage = "Someone else changed this module while you were editing. Your changes are below and were not saved: open the module again to see theirs.";
    public const string ModuleNotEmptyMessage = "This module still holds items. Delete them or move them to another module first.";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>A course as materials see it, or null.</summary>
    public Task<MaterialsCourse?> CourseAsync(int courseId, CancellationToken cancellationToken = default) =>
        programmes.GetCourseAsync(courseId, cancellationToken);

    /// <summary>The course's whole programme, drafts included.</summary>
    public Task<Programme> ProgrammeAsync(int courseId, CancellationToken cancellationToken = default) =>
        programmes.GetProgrammeAsync(courseId, cancellationToken);

    /// <summary>The course's framework, or null when it has none with content.</summary>
    public Framework? FrameworkOf(MaterialsCourse course) => course.FrameworkCode is { } code ? frameworks.Find(code) : null;

    /// <summary>A module of the course, or null when it is gone or belongs to another course.</summary>
    public async Task<MaterialModule?> ModuleAsync(int courseId, int moduleId, CancellationToken cancellationToken = default) =>
        await programmes.GetModuleAsync(moduleId, cancellationToken) is { } module && module.CourseId == courseId ? module : null;

    /// <summary>An item of the course, or null when it is gone or belongs to another course.</summary>
    public async Task<MaterialItem?> ItemAsync(int courseId, int itemId, CancellationToken cancellationToken = default)
    {
        var item = await programmes.GetItemAsync(itemId, cancellationToken);
        return item is not null && await ModuleAsync(courseId, item.ModuleId, cancellationToken) is not null ? item : null;
    }

    /// <summary>Adds a module at the end of the programme.</summary>
    public async Task<AuthoringResult> CreateModuleAsync(MaterialsCourse course, ModuleDraft draft, Author author, CancellationToken cancellationToken = default)
    {
        var problems = CheckModule(draft);
        if (problems.Count > 0)
        {
            return AuthoringResult.Refused(problems);
        }

        var now = Now;
        var id = await programmes.CreateModuleAsync(new MaterialModule
        {
            CourseId = course.CourseId, Title = draft.Title!.Trim(), Summary = draft.Summary?.Trim() ?? "", ReleaseRule = draft.ReleaseRule,
            CreatedUtc = now, UpdatedUtc = now,
        }, cancellationToken);
        await AuditAsync("materials.module.created", author, course.CourseId, $"module:{id}", cancellationToken);
        logger.LogInformation("User {UserId} added module {ModuleId} to course {CourseId}", author.UserId, id, course.CourseId);
        return AuthoringResult.Ok(id);
    }

    /// <summary>Saves a module's title, summary and release rule when nobody changed it since the form was opened.</summary>
    public async Task<AuthoringResult> UpdateModuleAsync(MaterialModule module, ModuleDraft draft, Author author, CancellationToken cancellationToken = default)
    {
        var problems = CheckModule(draft);
        if (problems.Count > 0)
        {
            return AuthoringResult.Refused(problems);
        }

        var changed = module with { Title = draft.Title!.Trim(), Summary = draft.Summary?.Trim() ?? "", ReleaseRule = draft.ReleaseRule, UpdatedUtc = Now };
        if (!await programmes.UpdateModuleAsync(changed, draft.Version, cancellationToken))
        {
            return AuthoringResult.Lost(ModuleConflictMessage);
        }

        await AuditAsync("materials.module.updated", author, module.CourseId, $"module:{module.Id}", cancellationToken);
        logger.LogInformation("User {UserId} updated module {ModuleId}", author.UserId, module.Id);
        return AuthoringResult.Ok(module.Id);
    }

    /// <summary>Deletes a module that holds no items.</summary>
    public async Task<AuthoringResult> DeleteModuleAsync(MaterialModule module, Author author, CancellationToken cancellationToken = default)
    {
        if (!await programmes.DeleteEmptyModuleAsync(module.Id, cancellationToken))
        {
            return AuthoringResult.Refused(string.Empty, ModuleNotEmptyMessage);
        }

        await AuditAsync("materials.module.deleted", author, module.CourseId, $"module:{module.Id}", cancellationToken);
        logger.LogInformation("User {UserId} deleted module {ModuleId}", author.UserId, module.Id);
        return AuthoringResult.Ok(module.Id);
    }

    /// <summary>Moves a module one place up or down; at either end it stays where it is.</summary>
    public async Task<AuthoringResult> MoveModuleAsync(MaterialModule module, MoveDirection direction, Author author, CancellationToken cancellationToken = default)
    {
        var order = (await programmes.GetProgrammeAsync(module.CourseId, cancellationToken)).Modules.Select(m => m.Module.Id).ToList();
        var index = order.IndexOf(module.Id);
        var target = direction == MoveDirection.Up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= order.Count)
        {
            return AuthoringResult.Ok(module.Id);
        }

        await programmes.MoveModuleAsync(module.Id, target, Now, cancellationToken);
        await AuditAsync("materials.module.moved", author, module.CourseId, $"module:{module.Id};to:{target + 1}", cancellationToken);
        logger.LogInformation("User {UserId} moved module {ModuleId} to place {Position}", author.UserId, module.Id, target + 1);
        return AuthoringResult.Ok(module.Id);
    }

    /// <summary>The module form's problems.</summary>
    public static IReadOnlyList<FieldProblem> CheckModule(ModuleDraft draft)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add(new FieldProblem("Title", "Enter the module's title."));
        }
        else if (draft.Title.Trim().Length > MaxTitleLength)
        {
            problems.Add(new FieldProblem("Title", $"The title must be {MaxTitleLength} characters or fewer."));
        }

        if ((draft.Summary?.Length ?? 0) > MaxSummaryLength)
        {
            problems.Add(new FieldProblem("Summary", $"The summary must be {MaxSummaryLength} characters or fewer."));
        }

        if (!Enum.IsDefined(draft.ReleaseRule))
        {
            problems.Add(new FieldProblem("ReleaseRule", "Choose when the module opens."));
        }

        return problems;
    }

    private Task AuditAsync(string action, Author author, int courseId, string detail, CancellationToken cancellationToken) =>
        audit.WriteNowAsync(time, action, author.UserId, $"course:{courseId}", detail, author.IpAddress, cancellationToken);
}
