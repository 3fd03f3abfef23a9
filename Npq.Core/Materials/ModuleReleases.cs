using System.Globalization;
using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Time;
using Npq.Core.Validation;

namespace Npq.Core.Materials;

/// <summary>One module as the release page shows it: its rule, its day for the cohort, and whether it is open by date.</summary>
public sealed record ModuleReleaseLine(MaterialModule Module, int PublishedItems, ModuleRelease? Release, ModuleAvailability ByDate);

/// <summary>A cohort's release plan: every module of its course's programme, in order, with today in the cohort's zone.</summary>
public sealed record ReleasePlan(MaterialsCohort Cohort, DateOnly TodayInCohortZone, IReadOnlyList<ModuleReleaseLine> Modules);

/// <summary>What a change to a release did: done, the module is not in the cohort's course, or refused with problems.</summary>
public sealed record ReleaseChange(bool Done, bool NotFound, IReadOnlyList<FieldProblem> Problems)
{
    public static readonly ReleaseChange Ok = new(true, false, []);
    public static readonly ReleaseChange Missing = new(false, true, []);
}

/// <summary>
/// Releasing a course's modules to one cohort: the day each opens (a date-only day in the cohort's zone, so it never
/// shifts), and facilitators opening a module early for the cohort, or taking that back. Every change is audited.
/// Who may do this is decided before (MaterialsOperations.Release).
/// </summary>
public sealed class ModuleReleases(
    IProgrammeRepository programmes, IReleaseRepository releases, IAuditLog audit, TimeProvider time, ILogger<ModuleReleases> logger)
{
    public const string OpensOnField = "OpensOn";

    /// <summary>The cohort's plan, or null when there is no such cohort.</summary>
    public async Task<ReleasePlan?> PlanAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        var cohort = await programmes.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var programme = await programmes.GetProgrammeAsync(cohort.CourseId, cancellationToken);
        var rows = await programmes.GetReleasesAsync(cohortId, cancellationToken);
        var today = ZonedTime.Today(time.GetUtcNow().UtcDateTime, cohort.TimeZone);
        var byDate = ReleaseRules.Evaluate(programme.PublishedOnly(), rows, null, today).ToDictionary(a => a.ModuleId);
        var lines = programme.Modules.Select(m => new ModuleReleaseLine(
            m.Module, m.Items.Count(i => i.IsPublished), rows.GetValueOrDefault(m.Module.Id), byDate[m.Module.Id])).ToList();
        return new ReleasePlan(cohort, today, lines);
    }

    /// <summary>Sets the day a module opens for the cohort from the form's text (yyyy-MM-dd); blank clears it.</summary>
    public async Task<ReleaseChange> SetDateAsync(int cohortId, int moduleId, string? opensOn, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!await BelongsAsync(cohortId, moduleId, cancellationToken))
        {
            return ReleaseChange.Missing;
        }

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(opensOn))
        {
            if (!DateOnly.TryParseExact(opensOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                || parsed.Year is < 2000 or > 2100)
            {
                return new ReleaseChange(false, false, [new FieldProblem(OpensOnField, "Enter the opening date as a real date, for example 2026-10-05.")]);
            }

            date = parsed;
        }

        await releases.SetOpensOnAsync(cohortId, moduleId, date, cancellationToken);
        var detail = $"module:{moduleId} opensOn:{date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}";
        await audit.WriteNowAsync(time, "materials.release-date-set", actorUserId, $"cohort:{cohortId}", detail, ipAddress, cancellationToken);
        logger.LogInformation("Module {ModuleId} opening date set for cohort {CohortId} by {UserId}", moduleId, cohortId, actorUserId);
        return ReleaseChange.Ok;
    }

    /// <summary>Opens a module for the cohort now, whatever its rule says.</summary>
    public async Task<ReleaseChange> OpenEarlyAsync(int cohortId, int moduleId, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!await BelongsAsync(cohortId, moduleId, cancellationToken))
        {
            return ReleaseChange.Missing;
        }

        await releases.OpenEarlyAsync(cohortId, moduleId, actorUserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        await audit.WriteNowAsync(time, "materials.module-opened-early", actorUserId, $"cohort:{cohortId}", $"module:{moduleId}", ipAddress, cancellationToken);
        logger.LogInformation("Module {ModuleId} opened early for cohort {CohortId} by {UserId}", moduleId, cohortId, actorUserId);
        return ReleaseChange.Ok;
    }

    /// <summary>Takes an early opening back; the module follows its rule again (progress made meanwhile is kept).</summary>
    public async Task<ReleaseChange> UndoEarlyAsync(int cohortId, int moduleId, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!await BelongsAsync(cohortId, moduleId, cancellationToken))
        {
            return ReleaseChange.Missing;
        }

        await releases.UndoEarlyAsync(cohortId, moduleId, cancellationToken);
        await audit.WriteNowAsync(time, "materials.module-early-undone", actorUserId, $"cohort:{cohortId}", $"module:{moduleId}", ipAddress, cancellationToken);
        logger.LogInformation("Early opening of module {ModuleId} undone for cohort {CohortId} by {UserId}", moduleId, cohortId, actorUserId);
        return ReleaseChange.Ok;
    }

    /// <summary>The module exists and is part of the programme of the cohort's course.</summary>
    private async Task<bool> BelongsAsync(int cohortId, int moduleId, CancellationToken cancellationToken)
    {
        var cohort = await programmes.GetCohortAsync(cohortId, cancellationToken);
        var module = cohort is null ? null : await programmes.GetModuleAsync(moduleId, cancellationToken);
        return module is not null && module.CourseId == cohort!.CourseId;
    }
}
