using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Web.Features.Enrolment.CohortAdmin;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.Enrolments;

/// <summary>An enrolment as the provider manages it: training status (DfE's reasons), resuming, mentor; and a candidate's history.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
public sealed class EnrolmentsController(
    IEnrolmentLifecycleRepository enrolments,
    ICohortRepository cohorts,
    IUserRepository users,
    ViewerScope scope,
    IAuthorizationService authorization,
    TimeProvider time,
    ILogger<EnrolmentsController> logger) : Controller
{
    [HttpGet("/admin/enrolments/{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        return enrolment is null ? NotFound() : View(await DetailModelAsync(enrolment, cancellationToken));
    }

    [HttpPost("/admin/enrolments/{id:int}/status")]
    public async Task<IActionResult> ChangeStatus(int id, int version, string? status, string? reason, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        if (enrolment is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse<TrainingStatus>(status, ignoreCase: false, out var to) || !Enum.IsDefined(to))
        {
            ModelState.AddModelError("status", "Choose the new status.");
            return View(nameof(Detail), await DetailModelAsync(enrolment, cancellationToken));
        }

        var change = TrainingStatusMachine.Change(enrolment.Enrolment.TrainingStatus, to, string.IsNullOrWhiteSpace(reason) ? null : reason);
        if (!change.Allowed)
        {
            ModelState.AddModelError(to is TrainingStatus.Deferred or TrainingStatus.Withdrawn ? "reason" : "status", change.Refusal!);
            return View(nameof(Detail), await DetailModelAsync(enrolment, cancellationToken));
        }

        if (!await enrolments.ChangeStatusAsync(id, version, change, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            TempData["Problem"] = "Someone else changed this enrolment a moment ago: here is how it stands now. Nothing was saved.";
            return RedirectToAction(nameof(Detail), new { id });
        }

        logger.LogInformation("Enrolment {EnrolmentId} status {From} → {To} by {UserId}", id, change.From, change.To, User.GetUserId());
        TempData["Notice"] = $"Status changed to {to.ToString().ToLowerInvariant()}.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpPost("/admin/enrolments/{id:int}/resume")]
    public async Task<IActionResult> Resume(int id, int version, int? cohortId, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        if (enrolment is null)
        {
            return NotFound();
        }

        var targets = await ResumeTargetsAsync(enrolment, cancellationToken);
        if (enrolment.Enrolment.TrainingStatus != TrainingStatus.Deferred)
        {
            ModelState.AddModelError("cohortId", "Only a deferred enrolment can resume.");
        }
        else if (cohortId is not { } target || targets.All(t => t.Cohort.Id != target))
        {
            ModelState.AddModelError("cohortId", "Choose the cohort to resume in.");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Detail), await DetailModelAsync(enrolment, cancellationToken));
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (cohortId == enrolment.Enrolment.CohortId)
        {
            var change = TrainingStatusMachine.Change(TrainingStatus.Deferred, TrainingStatus.Active, null);
            if (!await enrolments.ChangeStatusAsync(id, version, change, User.GetUserId(), now, cancellationToken))
            {
                TempData["Problem"] = "Someone else changed this enrolment a moment ago: here is how it stands now. Nothing was saved.";
                return RedirectToAction(nameof(Detail), new { id });
            }

            TempData["Notice"] = "Resumed in the same cohort.";
            return RedirectToAction(nameof(Detail), new { id });
        }

        var outcome = await enrolments.ResumeIntoCohortAsync(id, version, cohortId!.Value, User.GetUserId(), now, cancellationToken);
        switch (outcome)
        {
            case DecisionOutcome.Done:
                logger.LogInformation("Enrolment {EnrolmentId} resumed in cohort {CohortId} by {UserId}", id, cohortId, User.GetUserId());
                TempData["Notice"] = "Resumed in the later cohort.";
                break;
            case DecisionOutcome.CohortFull:
                TempData["Problem"] = "Not resumed: that cohort is full. Choose another, or raise its capacity first.";
                break;
            case DecisionOutcome.AlreadyEnrolled:
                TempData["Problem"] = "Not resumed: the candidate already has a place on that cohort.";
                break;
            default:
                TempData["Problem"] = "Someone else changed this enrolment a moment ago: here is how it stands now. Nothing was saved.";
                break;
        }

        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpPost("/admin/enrolments/{id:int}/mentor")]
    public async Task<IActionResult> Mentor(int id, int? mentorUserId, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        if (enrolment is null)
        {
            return NotFound();
        }

        if (mentorUserId is { } m && (await MentorsAsync(enrolment.ProviderId, cancellationToken)).All(x => x.UserId != m))
        {
            ModelState.AddModelError("mentorUserId", "Choose a mentor from the list.");
            return View(nameof(Detail), await DetailModelAsync(enrolment, cancellationToken));
        }

        await enrolments.AssignMentorAsync(enrolment.Enrolment.CohortId, [id], mentorUserId, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Notice"] = mentorUserId is null ? "Mentor removed." : "Mentor assigned.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpGet("/admin/candidates/{candidateId:int}/history")]
    public async Task<IActionResult> History(int candidateId, CancellationToken cancellationToken)
    {
        var candidate = await users.FindByIdAsync(candidateId, cancellationToken);
        var providerId = await scope.ProviderIdAsync(User, cancellationToken);
        if (candidate is null || providerId is null
            || !(await authorization.AuthorizeAsync(User, new CandidateResource(candidateId), Operations.Read)).Succeeded)
        {
            return NotFound();
        }

        var ours = (await enrolments.GetForCandidateAsync(candidateId, cancellationToken)).Where(e => e.ProviderId == providerId).ToList();
        var ids = ours.Select(e => e.Enrolment.Id).ToHashSet();
        var history = (await enrolments.GetHistoryForCandidateAsync(candidateId, cancellationToken)).Where(h => ids.Contains(h.EnrolmentId)).ToList();
        return View(new HistoryViewModel(candidate.DisplayName, candidateId, ours, history));
    }

    private async Task<EnrolmentView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var providerId = await scope.ProviderIdAsync(User, cancellationToken);
        var enrolment = await enrolments.GetAsync(id, cancellationToken);
        return providerId is null || enrolment is null || enrolment.ProviderId != providerId ? null : enrolment;
    }

    /// <summary>The same cohort, or a later cohort of the same course, to resume in.</summary>
    private async Task<IReadOnlyList<CohortSummary>> ResumeTargetsAsync(EnrolmentView enrolment, CancellationToken cancellationToken)
    {
        var all = await cohorts.GetSummariesAsync(enrolment.ProviderId, cancellationToken);
        var current = all.FirstOrDefault(c => c.Cohort.Id == enrolment.Enrolment.CohortId);
        return current is null
            ? []
            : all.Where(c => c.Cohort.CourseId == current.Cohort.CourseId && (c.Cohort.Id == current.Cohort.Id || c.Cohort.StartDate > current.Cohort.StartDate)).ToList();
    }

    private async Task<IReadOnlyList<CohortPerson>> MentorsAsync(int providerId, CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.Mentor, cancellationToken))
            .Where(u => u.ProviderId == providerId && u.IsActive).Select(u => new CohortPerson(u.Id, u.DisplayName)).ToList();

    private async Task<EnrolmentDetailViewModel> DetailModelAsync(EnrolmentView enrolment, CancellationToken cancellationToken) => new(
        enrolment,
        TrainingStatusMachine.Next(enrolment.Enrolment.TrainingStatus),
        await ResumeTargetsAsync(enrolment, cancellationToken),
        await MentorsAsync(enrolment.ProviderId, cancellationToken),
        (await enrolments.GetHistoryForCandidateAsync(enrolment.Enrolment.CandidateUserId, cancellationToken)).Where(h => h.EnrolmentId == enrolment.Enrolment.Id).ToList());
}

public sealed record EnrolmentDetailViewModel(
    EnrolmentView Enrolment,
    IReadOnlyList<TrainingStatus> NextStatuses,
    IReadOnlyList<CohortSummary> ResumeTargets,
    IReadOnlyList<CohortPerson> Mentors,
    IReadOnlyList<EnrolmentHistoryEntry> History);

public sealed record HistoryViewModel(string CandidateName, int CandidateId, IReadOnlyList<EnrolmentView> Enrolments, IReadOnlyList<EnrolmentHistoryEntry> History);
