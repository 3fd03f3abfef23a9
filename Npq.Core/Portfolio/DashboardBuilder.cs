using Npq.Core.Materials;

namespace Npq.Core.Portfolio;

/// <summary>Who is looking at "/": their id and name, and which roles they hold.</summary>
public sealed record DashboardViewer(int UserId, string Name, bool IsCandidate, bool IsMentor, bool IsHeadteacher, bool IsAdmin);

public sealed record TaskDue(AssessmentTask Task, DateOnly DueOn, string CohortZone, SubmissionState State, Lateness Lateness);

public sealed record CandidateDashboard(
    CandidatePlacement? Placement,
    IReadOnlyList<TaskDue> Tasks,
    IReadOnlyList<FeedbackComment> Feedback,
    ProgressUpdate? LatestUpdate,
    CoverageReport? Coverage,
    int EvidenceCount,
    int DraftCount);

/// <summary>The mentor's most urgent mentees (at most <see cref="MenteesShown"/>; all of them on /progress/mentees), how many
/// they have, and the drafts awaiting their review.</summary>
public sealed record MentorDashboard(IReadOnlyList<MenteeDue> Mentees, IReadOnlyList<DraftAwaitingReview> Drafts)
{
    public const int MenteesShown = 10;

    public int MenteeTotal { get; init; }
}

public sealed record SchoolCandidate(CandidatePlacement Placement, LatestUpdateSummary? LatestUpdate, CoverageSummary? Coverage)
{
    /// <summary>Their progress through the course's materials, when read.</summary>
    public MaterialsSummary? Materials { get; init; }
}

/// <summary>The first of the school's candidates by name (at most <see cref="CandidatesShown"/>; all of them on the
/// school's page, /dashboards/school), and how many there are.</summary>
public sealed record HeadteacherDashboard(IReadOnlyList<SchoolCandidate> Candidates)
{
    public const int CandidatesShown = 10;

    public int CandidateTotal { get; init; }
}

/// <summary>Everything "/" shows a signed-in person: one section per role they hold.</summary>
public sealed record PersonalDashboard(string Name, CandidateDashboard? Candidate, MentorDashboard? Mentor, HeadteacherDashboard? Headteacher, bool IsAdmin, string? ViewerZone);

/// <summary>Builds the signed-in home page from the person's roles. Read-only: it changes nothing.</summary>
public sealed class DashboardBuilder(
    CandidateLookup candidates,
    ICandidateHomeRepository home,
    IMenteeCaseloadRepository caseloads,
    ISchoolPageRepository schools,
    IEvidenceRepository evidence,
    ProgressDueService due,
    TimeProvider time,
    IMaterialsProgressQueries? materials = null)
{
    public async Task<PersonalDashboard> BuildAsync(DashboardViewer viewer, CancellationToken cancellationToken) => new(
        viewer.Name,
        viewer.IsCandidate ? await CandidateAsync(viewer.UserId, cancellationToken) : null,
        viewer.IsMentor ? await MentorAsync(viewer.UserId, cancellationToken) : null,
        viewer.IsHeadteacher ? await HeadteacherAsync(viewer.UserId, cancellationToken) : null,
        viewer.IsAdmin,
        await candidates.UserZoneAsync(viewer.UserId, cancellationToken));

    /// <summary>How many of the newest feedback comments the candidate's home shows.</summary>
    public const int FeedbackShown = 5;

    /// <summary>
    /// The candidate's tasks still to hand in (not past their cut-off), earliest due first; their latest feedback,
    /// update and coverage. Everything is read in one go (<see cref="ICandidateHomeRepository"/>): this page is a
    /// candidate's home, built on every visit when their pages are not kept.
    /// </summary>
    private async Task<CandidateDashboard> CandidateAsync(int candidateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var read = await home.ReadAsync(candidateId, FeedbackShown, cancellationToken);
        var placed = read.Placements;
        var placement = placed.Count > 0 ? placed[0] : null;
        var latest = read.LatestAttempts.ToDictionary(s => s.TaskId);
        var tasksOf = read.Tasks.ToLookup(t => t.Dates.CohortId);
        var dueTasks = new List<TaskDue>();
        foreach (var p in placed)
        {
            foreach (var (task, dates) in tasksOf[p.CohortId])
            {
                var attempt = latest.GetValueOrDefault(task.Id);
                if (attempt?.State == SubmissionState.Submitted)
                {
                    continue;
                }

                var extension = read.Extensions.GetValueOrDefault(task.Id);
                var context = new SubmissionContext { NowUtc = now, CohortZone = p.CohortZone, Dates = dates, ExtensionDueOn = extension?.DueOn };
                var lateness = SubmissionWorkflow.LatenessOf(null, context);
                if (lateness != Lateness.Missing)
                {
                    dueTasks.Add(new TaskDue(task, extension?.DueOn ?? dates.DueOn, p.CohortZone, attempt?.State ?? SubmissionState.New, lateness));
                }
            }
        }

        var framework = candidates.FrameworkFor(placement);
        return new CandidateDashboard(
            placement,
            dueTasks.OrderBy(t => t.DueOn).ToList(),
            read.RecentFeedback,
            read.LatestUpdate,
            framework is null ? null : CoverageReport.Build(framework, read.StatementCounts),
            read.FinishedEvidence,
            read.DraftEvidence);
    }

    private async Task<MentorDashboard> MentorAsync(int mentorId, CancellationToken cancellationToken)
    {
        var caseload = await caseloads.ReadAsync(mentorId, withDrafts: true, cancellationToken);
        var mentees = await MenteePage.FromAsync(caseload, due, materials, 0, MentorDashboard.MenteesShown, cancellationToken);
        return new MentorDashboard(mentees.Mentees, caseload.Drafts) { MenteeTotal = mentees.Total };
    }

    /// <summary>
    /// The first candidates of the headteacher's school by name, each with their latest update, coverage and materials,
    /// read in one command whatever the school's size (<see cref="ISchoolPageRepository"/>). Coverage and materials are
    /// as the figures job keeps them; a place with none kept (the job has not yet counted it since a change) is counted
    /// here, for the page's candidates of each framework at once.
    /// </summary>
    private async Task<HeadteacherDashboard> HeadteacherAsync(int headteacherId, CancellationToken cancellationToken)
    {
        var page = await schools.ReadAsync(headteacherId, 0, HeadteacherDashboard.CandidatesShown, cancellationToken);
        var school = page.Placements;
        var counted = await PlacementMaterials.ForAsync(materials, school.Where(p => !page.KeptMaterials.ContainsKey(p.EnrolmentId)), cancellationToken);
        var coverage = new Dictionary<(int CandidateUserId, string Framework), CoverageSummary>();
        foreach (var group in school.Select(p => (p.CandidateUserId, Framework: candidates.FrameworkFor(p))).Where(c => c.Framework is not null).GroupBy(c => c.Framework!))
        {
            var framework = group.Key;
            var unkept = group.Select(c => c.CandidateUserId).Where(id => !page.KeptCoverage.ContainsKey((id, framework.Code))).Distinct().ToList();
            var live = unkept.Count == 0 ? null : await evidence.CountStatementsCoveredAsync(unkept, framework, cancellationToken);
            foreach (var (candidateUserId, _) in group)
            {
                var covered = page.KeptCoverage.TryGetValue((candidateUserId, framework.Code), out var kept) ? kept : live?.GetValueOrDefault(candidateUserId) ?? 0;
                coverage[(candidateUserId, framework.Code)] = new CoverageSummary(covered, framework.StatementIds.Count);
            }
        }

        var list = school.Select(p => new SchoolCandidate(
                p,
                page.LatestUpdates.GetValueOrDefault(p.CandidateUserId),
                candidates.FrameworkFor(p) is { } framework ? coverage[(p.CandidateUserId, framework.Code)] : null)
            {
                Materials = page.KeptMaterials.GetValueOrDefault(p.EnrolmentId) ?? counted.GetValueOrDefault(p.EnrolmentId),
            })
            .ToList();
        return new HeadteacherDashboard(list) { CandidateTotal = page.Total };
    }
}
