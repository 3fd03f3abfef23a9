using System.Security.Claims;
using Npq.Core.Accounts;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Web.Features.Portfolio.Progress;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Portfolio.Dashboard;

public sealed record TaskDue(AssessmentTask Task, DateOnly DueOn, string CohortZone, SubmissionState State, Lateness Lateness);

public sealed record CandidateDashboard(
    CandidatePlacement? Placement,
    IReadOnlyList<TaskDue> Tasks,
    IReadOnlyList<FeedbackComment> Feedback,
    ProgressUpdate? LatestUpdate,
    CoverageReport? Coverage,
    int EvidenceCount,
    int DraftCount);

public sealed record MentorDashboard(IReadOnlyList<MenteeDue> Mentees, IReadOnlyList<DraftAwaitingReview> Drafts);

public sealed record SchoolCandidate(CandidatePlacement Placement, ProgressUpdate? LatestUpdate, CoverageReport? Coverage);

public sealed record HeadteacherDashboard(IReadOnlyList<SchoolCandidate> Candidates);

/// <summary>Everything "/" shows a signed-in person: one section per role they hold.</summary>
public sealed record DashboardPage(string Name, CandidateDashboard? Candidate, MentorDashboard? Mentor, HeadteacherDashboard? Headteacher, bool IsAdmin, string? ViewerZone);

/// <summary>Builds the signed-in home page from the person's roles. Read-only: it changes nothing.</summary>
public sealed class DashboardBuilder(
    PortfolioAccess portfolio,
    IPlacementRepository placements,
    IEvidenceRepository evidence,
    ITaskRepository tasks,
    IFeedbackRepository feedback,
    IProgressRepository progress,
    ProgressDueService due,
    TimeProvider time)
{
    public async Task<DashboardPage> BuildAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.GetUserId();
        return new DashboardPage(
            user.Identity?.Name ?? string.Empty,
            user.IsInRole(Roles.Candidate) ? await CandidateAsync(id, cancellationToken) : null,
            user.IsInRole(Roles.Mentor) ? await MentorAsync(id, cancellationToken) : null,
            user.IsInRole(Roles.Headteacher) ? await HeadteacherAsync(id, cancellationToken) : null,
            user.IsInRole(Roles.ProviderAdmin),
            await portfolio.ViewerZoneAsync(user, cancellationToken));
    }

    private async Task<CandidateDashboard> CandidateAsync(int candidateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var placed = await placements.GetForCandidateAsync(candidateId, cancellationToken);
        var placement = placed.Count > 0 ? placed[0] : null;
        var latest = (await tasks.GetLatestAttemptsForCandidateAsync(candidateId, cancellationToken)).ToDictionary(s => s.TaskId);
        var extensions = placed.Count > 0 ? await tasks.GetExtensionsForCandidateAsync(candidateId, cancellationToken) : new Dictionary<int, TaskExtension>();
        var due = new List<TaskDue>();
        foreach (var p in placed)
        {
            foreach (var (task, dates) in await tasks.GetTasksForCohortAsync(p.CohortId, cancellationToken))
            {
                var attempt = latest.GetValueOrDefault(task.Id);
                if (attempt?.State == SubmissionState.Submitted)
                {
                    continue;
                }

                var extension = extensions.GetValueOrDefault(task.Id);
                var context = new SubmissionContext { NowUtc = now, CohortZone = p.CohortZone, Dates = dates, ExtensionDueOn = extension?.DueOn };
                var lateness = SubmissionWorkflow.LatenessOf(null, context);
                if (lateness != Lateness.Missing)
                {
                    due.Add(new TaskDue(task, extension?.DueOn ?? dates.DueOn, p.CohortZone, attempt?.State ?? SubmissionState.New, lateness));
                }
            }
        }

        var framework = portfolio.FrameworkFor(placement);
        var (finished, drafts) = await evidence.GetCountsAsync(candidateId, cancellationToken);
        return new CandidateDashboard(
            placement,
            due.OrderBy(t => t.DueOn).ToList(),
            await feedback.GetRecentForCandidateAsync(candidateId, 5, cancellationToken),
            await progress.GetLatestForCandidateAsync(candidateId, cancellationToken),
            framework is null ? null : CoverageReport.Build(framework, await evidence.GetStatementCountsAsync(candidateId, cancellationToken)),
            finished,
            drafts);
    }

    private async Task<MentorDashboard> MentorAsync(int mentorId, CancellationToken cancellationToken) => new(
        await due.ForAsync(await placements.GetForMentorAsync(mentorId, cancellationToken), cancellationToken),
        await tasks.GetDraftsForMentorAsync(mentorId, cancellationToken));

    private async Task<HeadteacherDashboard> HeadteacherAsync(int headteacherId, CancellationToken cancellationToken)
    {
        var list = new List<SchoolCandidate>();
        foreach (var p in await placements.GetForHeadteacherAsync(headteacherId, cancellationToken))
        {
            var framework = portfolio.FrameworkFor(p);
            list.Add(new SchoolCandidate(
                p,
                await progress.GetLatestForCandidateAsync(p.CandidateUserId, cancellationToken),
                framework is null ? null : CoverageReport.Build(framework, await evidence.GetStatementCountsAsync(p.CandidateUserId, cancellationToken))));
        }

        return new HeadteacherDashboard(list);
    }
}
