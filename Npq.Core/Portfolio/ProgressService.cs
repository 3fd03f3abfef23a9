using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Changes;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Core.Notifications;
using Npq.Core.Validation;

namespace Npq.Core.Portfolio;

/// <summary>What the progress update form posts: a narrative, next steps and a rating per area (keyed by the area's slug).</summary>
public sealed record ProgressInput(string? Narrative, string? NextSteps, IReadOnlyDictionary<string, ProgressRating> Ratings);

/// <summary>A candidate's progress updates, newest first, with their place and framework.</summary>
public sealed record ProgressHistory(string CandidateName, CandidatePlacement? Placement, IReadOnlyList<ProgressUpdate> Updates, Framework? Framework);

/// <summary>The place and framework an update is written against.</summary>
public sealed record ProgressContext(CandidatePlacement Placement, Framework Framework);

/// <summary>
/// What writing an update did: saved (its id, and how many headteachers were told of a new one), lost to someone
/// else's save, or refused with problems; and the ratings kept (unknown areas and values dropped), for the form again.
/// </summary>
public sealed record ProgressWrite(bool Saved, bool Conflict, int Id, int HeadteachersTold, IReadOnlyDictionary<string, ProgressRating> Ratings, IReadOnlyList<FieldProblem> Problems);

public sealed record CohortCadence(Cohort Cohort, int EveryWeeks);

/// <summary>What setting a cohort's cadence did: not found (not the admin's cohort), saved, or refused with a reason.</summary>
public sealed record CadenceSet(bool Found, string? Error);

/// <summary>One page of a provider's cohorts with their cadences: how many cohorts in all, the page shown, its rows.</summary>
public sealed record CohortCadencePage(int Total, int Page, IReadOnlyList<CohortCadence> Rows);

/// <summary>
/// Mentors' regular progress updates: writing and revising them (telling the candidate, and their headteachers of a
/// new one), reading them, who is due one, and each cohort's cadence.
/// </summary>
public sealed class ProgressService(
    IProgressRepository progress,
    IMenteeCaseloadRepository caseloads,
    CandidateLookup candidates,
    ProgressDueService due,
    IUserRepository users,
    IRelationships relationships,
    INotifier notifier,
    IWriteTogether together,
    TimeProvider time,
    ILogger<ProgressService> logger,
    IMaterialsProgressQueries? materials = null)
{
    public const string ConflictMessage =
        "Someone else saved this progress update after you opened it, so your changes were not saved. What you typed is still below; the saved version is on the candidate's progress page. Reload to start from the saved version, then add your changes.";

    public async Task<ProgressHistory> HistoryAsync(int candidateUserId, CancellationToken cancellationToken)
    {
        var placement = await candidates.PlacementAsync(candidateUserId, cancellationToken);
        return new ProgressHistory(
            await candidates.NameAsync(candidateUserId, cancellationToken) ?? string.Empty,
            placement,
            await progress.GetForCandidateAsync(candidateUserId, cancellationToken),
            candidates.FrameworkFor(placement));
    }

    /// <summary>
    /// One page of the mentor's mentees, most urgent first (overdue, due soon, the rest, none expected; earliest due first
    /// within each), each shown with their progress through the course's materials, and how many mentees there are.
    /// </summary>
    public async Task<MenteePage> MenteesAsync(int mentorUserId, int skip, int take, CancellationToken cancellationToken) =>
        await MenteePage.FromAsync(await caseloads.ReadAsync(mentorUserId, withDrafts: false, cancellationToken), due, materials, skip, take, cancellationToken);

    /// <summary>The candidate's current place and framework, which a new update is written against; null when they have none.</summary>
    public async Task<ProgressContext?> ContextForAsync(int candidateUserId, CancellationToken cancellationToken)
    {
        var placement = await candidates.PlacementAsync(candidateUserId, cancellationToken);
        var framework = candidates.FrameworkFor(placement);
        return placement is null || framework is null ? null : new ProgressContext(placement, framework);
    }

    /// <summary>The place and framework an existing update was written against (its cohort's place, else the candidate's first).</summary>
    public async Task<ProgressContext> ContextOfAsync(ProgressUpdate update, CancellationToken cancellationToken)
    {
        var all = await candidates.PlacementsAsync(update.CandidateUserId, cancellationToken);
        var placement = all.FirstOrDefault(p => p.CohortId == update.CohortId) ?? all.FirstOrDefault()
            ?? new CandidatePlacement { CandidateUserId = update.CandidateUserId, CohortId = update.CohortId };
        return new ProgressContext(placement, candidates.FrameworkFor(placement)!);
    }

    /// <summary>The ratings of the candidate's last update, which a new one starts from (so the mentor changes only what moved).</summary>
    public async Task<IReadOnlyDictionary<string, ProgressRating>> LastRatingsAsync(int candidateUserId, CancellationToken cancellationToken) =>
        (await progress.GetForCandidateAsync(candidateUserId, cancellationToken)).FirstOrDefault()?.Ratings ?? new Dictionary<string, ProgressRating>();

    public Task<ProgressUpdate?> GetAsync(int id, CancellationToken cancellationToken) => progress.GetAsync(id, cancellationToken);

    /// <summary>Every area of the framework needs a rating; ratings of unknown areas or values are dropped.</summary>
    public static (Dictionary<string, ProgressRating> Ratings, IReadOnlyList<FieldProblem> Problems) CheckRatings(IReadOnlyDictionary<string, ProgressRating> ratings, Framework framework)
    {
        var kept = ratings.Where(r => framework.FindArea(r.Key) is not null && Enum.IsDefined(r.Value))
            .ToDictionary(r => framework.FindArea(r.Key)!.Slug, r => r.Value, StringComparer.OrdinalIgnoreCase);
        return framework.Areas.Any(a => !kept.ContainsKey(a.Slug))
            ? (kept, [new(nameof(ProgressInput.Ratings), "Give a rating for every area (choose “Not started” where nothing has happened yet).")])
            : (kept, []);
    }

    /// <summary>
    /// Writes a new update by the mentor and tells the candidate and their school's headteachers. Nothing is written
    /// when <paramref name="formValid"/> is false (the form's own checks failed) or a rating is missing.
    /// </summary>
    public async Task<ProgressWrite> CreateAsync(ProgressContext context, ProgressInput input, int mentorUserId, bool formValid, CancellationToken cancellationToken)
    {
        var (ratings, problems) = CheckRatings(input.Ratings, context.Framework);
        if (!formValid || problems.Count > 0)
        {
            return new ProgressWrite(false, false, 0, 0, ratings, problems);
        }

        var candidate = context.Placement.CandidateUserId;
        var now = time.GetUtcNow().UtcDateTime;
        // The update, the candidate's and the headteachers' notifications and their mail commit together.
        var (id, told) = await together.RunAsync(async ct =>
        {
            var id = await progress.CreateAsync(new ProgressUpdate
            {
                CandidateUserId = candidate,
                CohortId = context.Placement.CohortId,
                MentorUserId = mentorUserId,
                Narrative = Required(input.Narrative).Trim(),
                NextSteps = Required(input.NextSteps).Trim(),
                CreatedUtc = now,
                UpdatedUtc = now,
                Ratings = ratings,
            }, ct);
            logger.LogInformation("Progress update {UpdateId} for candidate {CandidateId} written by {UserId}", id, candidate, mentorUserId);
            await notifier.NotifyAsync(candidate, "progress-update", "Your mentor wrote a progress update", $"/progress#update-{id}", ct);
            var headteachers = await relationships.HeadteachersOfAsync(candidate, ct);
            if (headteachers.Count > 0)
            {
                // Headteachers follow their staff's progress: they hear of each new update, as the candidate does.
                var title = $"{await candidates.NameAsync(candidate, ct) ?? "A member of your staff"}'s mentor wrote a progress update";
                foreach (var headteacher in headteachers)
                {
                    await notifier.NotifyAsync(headteacher, "progress-update", title, $"/progress?candidate={candidate}#update-{id}", ct);
                }
            }

            return (id, headteachers.Count);
        }, cancellationToken);
        return new ProgressWrite(true, false, id, told, ratings, []);
    }

    /// <summary>Revises an update, unless someone saved it since <paramref name="expectedVersion"/>, and tells the candidate.</summary>
    public async Task<ProgressWrite> UpdateAsync(ProgressUpdate update, ProgressContext context, ProgressInput input, int expectedVersion, int actorUserId, bool formValid, CancellationToken cancellationToken)
    {
        var (ratings, problems) = CheckRatings(input.Ratings, context.Framework);
        if (!formValid || problems.Count > 0)
        {
            return new ProgressWrite(false, false, update.Id, 0, ratings, problems);
        }

        // The revision and the candidate's notification (and its mail) commit together.
        var saved = await together.RunAsync(async ct =>
        {
            var (outcome, _) = await progress.UpdateAsync(update with
            {
                Narrative = Required(input.Narrative).Trim(), NextSteps = Required(input.NextSteps).Trim(), Ratings = ratings, UpdatedUtc = time.GetUtcNow().UtcDateTime,
            }, expectedVersion, ct);
            if (outcome == SaveOutcome.Conflict)
            {
                logger.LogInformation("Progress update {UpdateId} edit by {UserId} lost to a newer save", update.Id, actorUserId);
                return false;
            }

            logger.LogInformation("Progress update {UpdateId} edited by {UserId}", update.Id, actorUserId);
            await notifier.NotifyAsync(update.CandidateUserId, "progress-update", "Your mentor revised a progress update", $"/progress#update-{update.Id}", ct);
            return true;
        }, cancellationToken);
        if (!saved)
        {
            return new ProgressWrite(false, true, update.Id, 0, ratings, [new(string.Empty, ConflictMessage)]);
        }

        return new ProgressWrite(true, false, update.Id, 0, ratings, []);
    }

    /// <summary>
    /// One page of the admin's provider's cohorts, soonest first, with the weeks between updates each expects, and how
    /// many cohorts there are; a page past the end gives the first page. None for someone of no provider.
    /// </summary>
    public async Task<CohortCadencePage> CadencesPageAsync(int adminUserId, int page, int size, CancellationToken cancellationToken)
    {
        if ((await users.FindByIdAsync(adminUserId, cancellationToken))?.ProviderId is not { } providerId)
        {
            return new CohortCadencePage(0, 1, []);
        }

        var (total, rows) = await progress.GetCadencesPageAsync(providerId, (int)Math.Min(int.MaxValue, ((long)page - 1) * size), size, cancellationToken);
        if (page > 1 && rows.Count == 0)
        {
            page = 1;
            (total, rows) = await progress.GetCadencesPageAsync(providerId, 0, size, cancellationToken);
        }

        return new CohortCadencePage(total, page, rows);
    }

    /// <summary>Sets how many weeks (1 to 26) may pass between a cohort's updates, for a cohort of the admin's provider.</summary>
    public async Task<CadenceSet> SetCadenceAsync(int adminUserId, int cohortId, int? everyWeeks, CancellationToken cancellationToken)
    {
        if ((await users.FindByIdAsync(adminUserId, cancellationToken))?.ProviderId is not { } providerId
            || !await progress.IsCohortOfProviderAsync(cohortId, providerId, cancellationToken))
        {
            return new CadenceSet(false, null);
        }

        if (everyWeeks is null or < 1 or > 26)
        {
            return new CadenceSet(true, "Enter a number of weeks between 1 and 26.");
        }

        await progress.SetCadenceWeeksAsync(cohortId, everyWeeks.Value, cancellationToken);
        logger.LogInformation("Cohort {CohortId} cadence set to {EveryWeeks} weeks by {UserId}", cohortId, everyWeeks.Value, adminUserId);
        return new CadenceSet(true, null);
    }

    private static string Required(string? text) => text ?? throw new ArgumentException("A required part of the update is missing.", nameof(text));
}
