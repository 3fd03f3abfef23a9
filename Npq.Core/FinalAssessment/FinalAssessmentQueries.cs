using Npq.Core.Accounts;
using Npq.Core.Portfolio;

namespace Npq.Core.FinalAssessment;

/// <summary>A script on an assessor's list, and whether blind marking hides the candidate's name from them.</summary>
public sealed record AssessorScript(ScriptListItem Script, bool Blind);

/// <summary>What an assessor (or moderator) marks a script against: the answer, the task, the criteria and every judgement so far.</summary>
public sealed record MarkingSheet
{
    public required ScriptDetails Script { get; init; }
    public Submission? Submission { get; init; }
    public AssessmentTask? Task { get; init; }
    public IReadOnlyList<AssessmentCriterion> Criteria { get; init; } = [];
    public IReadOnlyList<CriterionMark> Judgements { get; init; } = [];

    /// <summary>True when blind marking hides the candidate's name: the reference stands in for it.</summary>
    public bool Blind { get; init; }
    public string? ViewerZone { get; init; }
}

/// <summary>A cohort on the admin's list, with how many of its scripts are in each state.</summary>
public sealed record CohortOverview(AssessmentCohort Cohort, IReadOnlyDictionary<MarkingState, int> Counts);

/// <summary>One page of an admin's cohorts with a final assessment: how many in all, the page shown, its cohorts.</summary>
public sealed record CohortOverviewPage(int Total, int Page, IReadOnlyList<CohortOverview> Cohorts);

/// <summary>Everything the admin's page for one cohort's final assessment shows.</summary>
public sealed record CohortBoard
{
    public required AssessmentCohort Cohort { get; init; }
    public required FinalAssessmentPolicy Policy { get; init; }

    /// <summary>The overrides stored for this cohort itself (null when it has none).</summary>
    public PolicyOverrides? CohortOverrides { get; init; }
    /// <summary>One page of the cohort's scripts (<see cref="Page"/>), oldest first.</summary>
    public IReadOnlyList<ScriptDetails> Scripts { get; init; } = [];

    /// <summary>How many of all the cohort's scripts are in each state.</summary>
    public IReadOnlyDictionary<MarkingState, int> Counts { get; init; } = new Dictionary<MarkingState, int>();

    public int Total => Counts.Values.Sum();
    public int Page { get; init; } = 1;
    public IReadOnlyList<PersonName> Assessors { get; init; } = [];

    /// <summary>Each candidate's mentors (who may neither mark nor moderate them).</summary>
    public IReadOnlyDictionary<int, IReadOnlySet<int>> Mentors { get; init; } = new Dictionary<int, IReadOnlySet<int>>();
    public string? ViewerZone { get; init; }
}

/// <summary>What the final assessment's pages read. Nothing here changes anything; callers authorise what they show.</summary>
public sealed class FinalAssessmentQueries(IMarkingRepository marking, ITaskRepository tasks, AssessmentPolicies policies, IUserTimeZones zones)
{
    public Task<ScriptDetails?> GetScriptAsync(int id, CancellationToken cancellationToken = default) => marking.GetScriptAsync(id, cancellationToken);

    public Task<AssessmentCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default) => marking.GetCohortAsync(cohortId, cancellationToken);

    /// <summary>Every script of a cohort, by reference.</summary>
    public Task<IReadOnlyList<ScriptDetails>> GetCohortScriptsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        marking.GetScriptsForCohortAsync(cohortId, cancellationToken);

    /// <summary>The zone the person reads times in, when they have one.</summary>
    public Task<string?> GetViewerZoneAsync(int userId, CancellationToken cancellationToken = default) =>
        zones.ZoneOfAsync(userId, cancellationToken);

    /// <summary>
    /// One page of the scripts allocated to an assessor to mark (or, <paramref name="moderating"/>, to moderate), and
    /// how many there are; a page past the end gives the first page (<c>FromStart</c>). The rules of every cohort on the
    /// page (blind marking) are read at once, in one query whatever the number of cohorts.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<AssessorScript> Scripts, bool FromStart)> GetAssessorScriptsPageAsync(
        int assessorUserId, bool moderating, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (total, rows) = await marking.GetAssessorPageAsync(assessorUserId, moderating, skip, take, cancellationToken);
        var fromStart = skip > 0 && rows.Count == 0;
        if (fromStart)
        {
            (total, rows) = await marking.GetAssessorPageAsync(assessorUserId, moderating, 0, take, cancellationToken);
        }

        // The rules of every cohort on the page in one read (an assessor sees no names where a cohort marks blind).
        var rules = rows.Count == 0
            ? new Dictionary<int, FinalAssessmentPolicy>()
            : await policies.GetPoliciesAsync(rows.Select(r => r.CohortId).Distinct().ToList(), cancellationToken);
        var scripts = rows.Select(script => new AssessorScript(script, !rules.TryGetValue(script.CohortId, out var rule) || rule.BlindMarking)).ToList();
        return (total, scripts, fromStart);
    }

    /// <summary>The marking sheet of a script, as an assessor or moderator sees it.</summary>
    public async Task<MarkingSheet> GetMarkingSheetAsync(ScriptDetails script, int viewerUserId, CancellationToken cancellationToken = default) => new()
    {
        Script = script,
        Submission = await tasks.GetSubmissionAsync(script.SubmissionId, cancellationToken),
        Task = await tasks.GetTaskAsync(script.TaskId, cancellationToken),
        Criteria = await marking.GetCriteriaAsync(script.CourseId, cancellationToken),
        Judgements = await marking.GetJudgementsAsync(script.Id, cancellationToken),
        Blind = await policies.IsBlindForAsync(script, viewerSeesNames: false, cancellationToken),
        ViewerZone = await GetViewerZoneAsync(viewerUserId, cancellationToken),
    };

    /// <summary>
    /// One page of the admin's cohorts with a final assessment, soonest first, each with its scripts counted by state
    /// (one query for the page's cohorts only), and how many cohorts there are; a page past the end gives the first.
    /// </summary>
    public async Task<CohortOverviewPage> GetCohortOverviewsPageAsync(int adminUserId, int page, int size, CancellationToken cancellationToken = default)
    {
        var (total, cohorts) = await marking.GetCohortsPageForAdminAsync(adminUserId, (int)Math.Min(int.MaxValue, ((long)page - 1) * size), size, cancellationToken);
        if (page > 1 && cohorts.Count == 0)
        {
            page = 1;
            (total, cohorts) = await marking.GetCohortsPageForAdminAsync(adminUserId, 0, size, cancellationToken);
        }

        var counts = await marking.GetStateCountsForCohortsAsync(cohorts.Select(c => c.Id).ToList(), cancellationToken);
        return new CohortOverviewPage(total, page, cohorts
            .Select(c => new CohortOverview(c, counts.TryGetValue(c.Id, out var byState) ? byState : new Dictionary<MarkingState, int>()))
            .ToList());
    }

    /// <summary>
    /// One cohort's rules, assessors, scripts counted by state, and one page of its scripts with their candidates'
    /// mentors: a fixed number of queries whatever the cohort's size. The page is the one asked for, or the one
    /// holding <paramref name="holdingScriptId"/> (a script just changed); past the end it is the first. Null when
    /// there is no such cohort.
    /// </summary>
    public async Task<CohortBoard?> GetCohortBoardAsync(int cohortId, int viewerUserId, int page = 1, int size = 25, int? holdingScriptId = null, CancellationToken cancellationToken = default)
    {
        if (await marking.GetCohortAsync(cohortId, cancellationToken) is not { } cohort)
        {
            return null;
        }

        var counts = await marking.GetStateCountsAsync(cohortId, cancellationToken);
        var total = counts.Values.Sum();
        if (holdingScriptId is { } held && await marking.GetScriptPositionAsync(cohortId, held, cancellationToken) is { } position)
        {
            page = (position / size) + 1;
        }

        page = page >= 1 && (long)(page - 1) * size < total ? page : 1;
        var scripts = await marking.GetScriptsPageForCohortAsync(cohortId, (page - 1) * size, size, cancellationToken);
        var mentors = await marking.GetMentorIdsForAsync(scripts.Select(s => s.CandidateUserId).Distinct().ToList(), cancellationToken);
        return new CohortBoard
        {
            Cohort = cohort,
            Policy = await policies.GetPolicyAsync(cohort.CourseId, cohortId, cancellationToken),
            CohortOverrides = await policies.GetCohortOverridesAsync(cohort.CourseId, cohortId, cancellationToken),
            Scripts = scripts,
            Counts = counts,
            Page = page,
            Assessors = await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken),
            Mentors = mentors,
            ViewerZone = await GetViewerZoneAsync(viewerUserId, cancellationToken),
        };
    }
}
