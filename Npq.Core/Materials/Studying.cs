using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Core.Time;

namespace Npq.Core.Materials;

/// <summary>
/// A candidate studying a cohort's materials: the Learn page (modules open by <see cref="ReleaseRules"/> with today in
/// the cohort's zone, each module's progress, what opens next and where to continue), one item with its neighbours,
/// its files, and the progress each kind records (see the other part of this class). An item answers only when it is
/// published, of the cohort's course and in a module open for the candidate; otherwise the caller shows 404. Whether
/// the person studies the cohort at all is decided before (MaterialsOperations.Study).
/// </summary>
public sealed partial class Studying(
    IProgrammeRepository programmes,
    IStudyRepository studies,
    EvidenceService evidence,
    IFileStore files,
    IUserTimeZones zones,
    IFrameworkCatalog frameworks,
    TimeProvider time,
    ILogger<Studying> logger)
{
    /// <summary>The cohorts the candidate studies (not withdrawn).</summary>
    public Task<IReadOnlyList<MaterialsCohort>> CohortsAsync(int candidateUserId, CancellationToken cancellationToken = default) =>
        studies.GetStudyCohortsAsync(candidateUserId, cancellationToken);

    /// <summary>The Learn page, or null when there is no such cohort.</summary>
    public async Task<LearnPage?> LearnAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken = default)
    {
        var state = await LoadAsync(candidateUserId, cohortId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var modules = new List<LearnModule>();
        ContinueAt? next = null;
        NextOpening? opening = null;
        for (var m = 0; m < state.Programme.Modules.Count; m++)
        {
            var module = state.Programme.Modules[m];
            var availability = state.Availability[m];
            if (!availability.IsOpen)
            {
                modules.Add(new LearnModule(module.Module, availability, []));
                opening ??= Opening(module.Module, availability, state.Study.Cohort.TimeZone, m == 0 ? null : state.Programme.Modules[m - 1].Module.Title);
                continue;
            }

            var items = module.Items.Select(i => new LearnItem(i.Id, i.Title, i.Kind, state.IsComplete(i.Id))).ToList();
            modules.Add(new LearnModule(module.Module, availability, items));
            if (next is null && items.FirstOrDefault(i => !i.IsComplete) is { } unfinished)
            {
                next = new ContinueAt(unfinished.Id, unfinished.Title, module.Module.Title);
            }
        }

        var viewerZone = await zones.ZoneOfAsync(candidateUserId, cancellationToken);
        return new LearnPage(state.Study.Cohort, viewerZone, state.Today, modules, next, opening);
    }

    /// <summary>One item as the candidate studies it, or null when it is not theirs to open (404).</summary>
    public async Task<ItemPage?> ItemAsync(int candidateUserId, int cohortId, int itemId, CancellationToken cancellationToken = default)
    {
        var reach = await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken);
        if (reach is null)
        {
            return null;
        }

        var items = reach.Module.Items;
        var index = items.ToList().FindIndex(i => i.Id == itemId);
        var page = new ItemPage(
            reach.State.Study.Cohort, reach.Module, reach.Item, reach.Progress,
            index > 0 ? items[index - 1] : null, index + 1 < items.Count ? items[index + 1] : null,
            await zones.ZoneOfAsync(candidateUserId, cancellationToken))
        {
            Statements = StatementsOf(reach.State.Study.Cohort, reach.Item),
        };
        switch (reach.Item.Kind)
        {
            case ItemKind.KnowledgeCheck:
                var questions = KnowledgeCheck.Read(reach.Item.Questions);
                var last = await studies.GetLatestAttemptAsync(candidateUserId, itemId, cancellationToken);
                return page with
                {
                    Questions = questions,
                    LastAttempt = last is null ? null : new CheckAttemptView(last, KnowledgeCheck.Mark(questions, KnowledgeCheck.ReadAnswers(last.Answers))),
                };
            case ItemKind.Reflection:
                return page with { Evidence = await OwnEvidenceAsync(candidateUserId, reach.Progress, cancellationToken) };
            default:
                return page;
        }
    }

    /// <summary>
    /// A file item's file, a video, or a video's captions (<paramref name="captions"/>), opened for sending; null when
    /// the item is not the candidate's to open or has no such file.
    /// </summary>
    public async Task<ItemFile?> OpenFileAsync(int candidateUserId, int cohortId, int itemId, bool captions, CancellationToken cancellationToken = default)
    {
        var reach = await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken);
        var item = reach?.Item;
        var stored = item switch
        {
            { Kind: ItemKind.Video } when captions => item.CaptionsStoredName,
            { Kind: ItemKind.Video or ItemKind.File } when !captions => item.FileStoredName,
            _ => null,
        };
        if (item is null || stored is null)
        {
            return null;
        }

        var stream = await files.OpenReadAsync(stored, cancellationToken);
        if (stream is null)
        {
            logger.LogError("Stored file of material item {ItemId} is missing from the file store", itemId);
            return null;
        }

        if (captions)
        {
            return new ItemFile(stream, "text/vtt; charset=utf-8", "captions.vtt", Inline: true);
        }

        var type = item.FileContentType ?? "application/octet-stream";
        var inline = item.Kind == ItemKind.Video || type == "application/pdf";
        return new ItemFile(stream, type, item.FileName ?? "file", inline);
    }

    /// <summary>The cohort, its published programme and which modules are open for the candidate today.</summary>
    private async Task<StudyState?> LoadAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken)
    {
        var study = await studies.GetCohortStudyAsync(candidateUserId, cohortId, cancellationToken);
        if (study is null)
        {
            return null;
        }

        var programme = (await programmes.GetProgrammeAsync(study.Cohort.CourseId, cancellationToken)).PublishedOnly();
        var completed = study.Progress.Values.Where(p => p.IsComplete).Select(p => p.ItemId).ToHashSet();
        var today = ZonedTime.Today(time.GetUtcNow().UtcDateTime, study.Cohort.TimeZone);
        return new StudyState(study, programme, ReleaseRules.Evaluate(programme, study.Releases, completed, today), completed, today);
    }

    /// <summary>A published item of the cohort's course in a module open for the candidate, or null.</summary>
    private async Task<Reach?> ReachAsync(int candidateUserId, int cohortId, int itemId, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(candidateUserId, cohortId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var index = state.Programme.Modules.ToList().FindIndex(m => m.Items.Any(i => i.Id == itemId));
        if (index < 0 || !state.Availability[index].IsOpen)
        {
            return null;
        }

        var module = state.Programme.Modules[index];
        return new Reach(state, module, module.Items.First(i => i.Id == itemId), state.Study.Progress.GetValueOrDefault(itemId));
    }

    /// <summary>The evidence the candidate's reflection became, only when it is still theirs.</summary>
    private async Task<EvidenceItem?> OwnEvidenceAsync(int candidateUserId, ItemProgress? progress, CancellationToken cancellationToken)
    {
        var found = progress?.EvidenceId is { } id ? await evidence.GetAsync(id, cancellationToken) : null;
        return found?.CandidateUserId == candidateUserId ? found : null;
    }

    /// <summary>The framework statements the item teaches, as the cohort's framework words them (ids it no longer has are left out).</summary>
    private IReadOnlyList<Statement> StatementsOf(MaterialsCohort cohort, MaterialItem item)
    {
        var framework = cohort.FrameworkCode is null ? null : frameworks.Find(cohort.FrameworkCode);
        return framework is null ? [] : item.StatementIds.Select(framework.FindStatement).OfType<Statement>().ToList();
    }

    private static NextOpening Opening(MaterialModule module, ModuleAvailability availability, string cohortZone, string? previousTitle) =>
        new(module.Id, module.Title, availability.State, availability.OpensOn,
            availability.OpensOn is { } day ? ZonedTime.ToUtc(day.ToDateTime(TimeOnly.MinValue), cohortZone) : null,
            availability.State == OpenState.WaitingForPrevious ? previousTitle : null);

    private sealed record StudyState(
        CohortStudy Study, Programme Programme, IReadOnlyList<ModuleAvailability> Availability, IReadOnlySet<int> Completed, DateOnly Today)
    {
        public bool IsComplete(int itemId) => Completed.Contains(itemId);
    }

    private sealed record Reach(StudyState State, ProgrammeModule Module, MaterialItem Item, ItemProgress? Progress);
}
