using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Enrolment.Enrolments;

/// <summary>An enrolment as the provider manages it: training status (DfE's reasons), resuming, mentor; and a candidate's history.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
public sealed class EnrolmentsController(EnrolmentManagement manage, ViewerScope scope, IAuthorizationService authorization) : Controller
{
    private const string ConflictMessage = "Someone else changed this enrolment a moment ago: here is how it stands now. Nothing was saved.";

    [HttpGet("/admin/enrolments/{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } enrolment ? View(await manage.DetailAsync(enrolment, cancellationToken)) : NotFound();

    [HttpPost("/admin/enrolments/{id:int}/status")]
    public async Task<IActionResult> ChangeStatus(int id, int version, string? status, string? reason, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        if (enrolment is null)
        {
            return NotFound();
        }

        TrainingStatus? to = Enum.TryParse<TrainingStatus>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var decision = await manage.ChangeStatusAsync(enrolment, version, to, reason, Actor(), cancellationToken);
        switch (decision.Outcome)
        {
            case DecisionOutcome.Invalid:
                return await RefusedAsync(enrolment, decision, cancellationToken);
            case DecisionOutcome.Done:
                TempData["Notice"] = $"Status changed to {to!.Value.ToString().ToLowerInvariant()}.";
                break;
            default:
                TempData["Problem"] = ConflictMessage;
                break;
        }

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

        var decision = await manage.ResumeAsync(enrolment, version, cohortId, Actor(), cancellationToken);
        switch (decision.Outcome)
        {
            case DecisionOutcome.Invalid:
                return await RefusedAsync(enrolment, decision, cancellationToken);
            case DecisionOutcome.Done:
                TempData["Notice"] = cohortId == enrolment.Enrolment.CohortId ? "Resumed in the same cohort." : "Resumed in the later cohort.";
                break;
            case DecisionOutcome.CohortFull:
                TempData["Problem"] = "Not resumed: that cohort is full. Choose another, or raise its capacity first.";
                break;
            case DecisionOutcome.AlreadyEnrolled:
                TempData["Problem"] = "Not resumed: the candidate already has a place on that cohort.";
                break;
            default:
                TempData["Problem"] = ConflictMessage;
                break;
        }

        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpPost("/admin/enrolments/{id:int}/mentor")]
    public async Task<IActionResult> Mentor(int id, int? mentorUserId, string? mentorEmail, CancellationToken cancellationToken)
    {
        var enrolment = await FindAsync(id, cancellationToken);
        if (enrolment is null)
        {
            return NotFound();
        }

        // The list offers only the enrolment's own mentor; another of the provider's mentors is named by email.
        var (refused, mentor) = await MentorByEmail.ResolveAsync(this, mentorEmail, mentorUserId, email => manage.MentorByEmailAsync(enrolment, email, cancellationToken));
        if (refused)
        {
            return View(nameof(Detail), await manage.DetailAsync(enrolment, cancellationToken));
        }

        mentorUserId = mentor;

        var decision = await manage.AssignMentorAsync(enrolment, mentorUserId, Actor(), cancellationToken);
        if (decision.Outcome == DecisionOutcome.Invalid)
        {
            return await RefusedAsync(enrolment, decision, cancellationToken);
        }

        TempData["Notice"] = mentorUserId is null ? "Mentor removed." : "Mentor assigned.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpGet("/admin/candidates/{candidateId:int}/history")]
    public async Task<IActionResult> History(int candidateId, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId
            || !(await authorization.AuthorizeAsync(User, new CandidateResource(candidateId), Operations.Read)).Succeeded
            || await manage.HistoryAsync(providerId, candidateId, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        return View(new HistoryViewModel(history.CandidateName, history.CandidateId, history.Enrolments, history.History));
    }

    private async Task<IActionResult> RefusedAsync(EnrolmentView enrolment, Decision decision, CancellationToken cancellationToken)
    {
        ModelState.AddProblems([decision.Problem!]);
        return View(nameof(Detail), await manage.DetailAsync(enrolment, cancellationToken));
    }

    private async Task<EnrolmentView?> FindAsync(int id, CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId ? await manage.FindAsync(providerId, id, cancellationToken) : null;

    private ActingUser Actor() => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());
}

public sealed record HistoryViewModel(string CandidateName, int CandidateId, IReadOnlyList<EnrolmentView> Enrolments, IReadOnlyList<EnrolmentHistoryEntry> History);
