using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Auditing;
using Npq.Core.Notifications;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Web.Features.Enrolment.CohortAdmin;
using Npq.Web.Infrastructure;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.ApplicationInbox;

/// <summary>The provider's applications inbox: filter, then accept (into the cohort or onto its waiting list), reject or withdraw.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/applications")]
public sealed class ApplicationInboxController(
    IApplicationRepository applications,
    ICohortRepository cohorts,
    IUserRepository users,
    ViewerScope scope,
    IAuditLog audit,
    INotifier notifier,
    TimeProvider time,
    ILogger<ApplicationInboxController> logger) : Controller
{
    public const int MaxReasonLength = 1000;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, int? cohort, string? eligible, string? funding, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        // Unknown filter values (a hand-edited address) are ignored rather than failing.
        var filter = new ApplicationFilter
        {
            Status = Enum.TryParse<ApplicationStatus>(status, true, out var s) && Enum.IsDefined(s) ? s : null,
            CohortId = cohort,
            Eligible = eligible switch { "yes" => true, "no" => false, _ => null },
            FundingRoute = Enum.TryParse<FundingRoute>(funding, true, out var f) && Enum.IsDefined(f) ? f : null,
        };
        var list = await applications.GetInboxAsync(providerId, filter, cancellationToken);
        return View(new InboxViewModel(list, filter, await cohorts.GetSummariesAsync(providerId, cancellationToken)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        return found is null ? NotFound() : View(await DetailModelAsync(found.Value.Application, found.Value.Cohort, null, cancellationToken));
    }

    [HttpPost("{id:int}/accept")]
    public async Task<IActionResult> Accept(int id, int? mentorUserId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var (application, cohort) = found.Value;
        if (mentorUserId is { } mentor && !(await MentorsAsync(cohort.Course.ProviderId, cancellationToken)).Any(m => m.Id == mentor))
        {
            ModelState.AddModelError("mentorUserId", "Choose a mentor from the list.");
            return View(nameof(Detail), await DetailModelAsync(application, cohort, null, cancellationToken));
        }

        var outcome = await applications.AcceptIntoCohortAsync(id, User.GetUserId(), mentorUserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return await AfterDecisionAsync(application, outcome, "accepted into the cohort", cohort, cancellationToken);
    }

    [HttpPost("{id:int}/waiting-list")]
    public async Task<IActionResult> WaitingList(int id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var outcome = await applications.MoveToWaitingListAsync(id, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        return await AfterDecisionAsync(found.Value.Application, outcome, "put on the waiting list", found.Value.Cohort, cancellationToken);
    }

    [HttpPost("{id:int}/reject")]
    public async Task<IActionResult> Reject(int id, string? reason, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError("reason", "Enter the reason: the applicant reads it.");
        }
        else if (reason.Length > MaxReasonLength)
        {
            ModelState.AddModelError("reason", $"The reason must be {MaxReasonLength} characters or fewer (it has {reason.Length}).");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Detail), await DetailModelAsync(found.Value.Application, found.Value.Cohort, reason, cancellationToken));
        }

        var outcome = await applications.RejectAsync(id, reason!, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        return await AfterDecisionAsync(found.Value.Application, outcome, "rejected", found.Value.Cohort, cancellationToken);
    }

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var outcome = await applications.WithdrawAsync(id, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        return await AfterDecisionAsync(found.Value.Application, outcome, "withdrawn", found.Value.Cohort, cancellationToken);
    }

    private async Task<IActionResult> AfterDecisionAsync(ApplicationView application, DecisionOutcome outcome, string done, CohortSummary cohort, CancellationToken cancellationToken)
    {
        var id = application.Application.Id;
        switch (outcome)
        {
            case DecisionOutcome.Done:
                var actor = User.GetUserId();
                logger.LogInformation("Application {ApplicationId} {Decision} by {UserId}", id, done, actor);
                await audit.WriteAsync(new AuditEntry
                {
                    OccurredUtc = time.GetUtcNow().UtcDateTime, ActorUserId = actor, Action = "application.decision", Subject = $"application:{id}", Detail = done,
                    IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
                }, cancellationToken);
                await notifier.NotifyAsync(application.Application.ApplicantUserId, "application-decision",
                    $"Your application for {application.CourseName} was {done}", $"/my/applications/{id}", cancellationToken);
                TempData["Notice"] = $"The application was {done}.";
                break;
            case DecisionOutcome.CohortFull:
                var now = await cohorts.GetSummaryAsync(cohort.Cohort.Id, cancellationToken);
                TempData["Problem"] = $"Not accepted: {cohort.Cohort.Name} is full ({now?.Enrolled ?? cohort.Enrolled} of {cohort.Cohort.Capacity} places taken). " +
                    "Put the application on the waiting list, or raise the cohort's capacity first.";
                break;
            case DecisionOutcome.AlreadyDecided:
                TempData["Problem"] = "Someone else decided this application a moment ago: here is how it stands now.";
                break;
            case DecisionOutcome.AlreadyEnrolled:
                TempData["Problem"] = "Not accepted: the applicant is already enrolled on this cohort.";
                break;
            default:
                return NotFound();
        }

        return RedirectToAction(nameof(Detail), new { id });
    }

    /// <summary>The application and its cohort, when both belong to the admin's provider.</summary>
    private async Task<(ApplicationView Application, CohortSummary Cohort)?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var providerId = await scope.ProviderIdAsync(User, cancellationToken);
        var application = await applications.GetAsync(id, cancellationToken);
        if (providerId is null || application is null)
        {
            return null;
        }

        var cohort = await cohorts.GetSummaryAsync(application.Application.CohortId, cancellationToken);
        return cohort is null || cohort.Course.ProviderId != providerId ? null : (application, cohort);
    }

    private async Task<IReadOnlyList<(int Id, string Name)>> MentorsAsync(int providerId, CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.Mentor, cancellationToken)).Where(u => u.ProviderId == providerId && u.IsActive).Select(u => (u.Id, u.DisplayName)).ToList();

    private async Task<ApplicationDetailViewModel> DetailModelAsync(ApplicationView application, CohortSummary cohort, string? reason, CancellationToken cancellationToken) =>
        new(application, cohort, await MentorsAsync(cohort.Course.ProviderId, cancellationToken), reason);
}

public sealed record InboxViewModel(IReadOnlyList<ApplicationView> Applications, ApplicationFilter Filter, IReadOnlyList<CohortSummary> Cohorts);

public sealed record ApplicationDetailViewModel(ApplicationView Application, CohortSummary Cohort, IReadOnlyList<(int Id, string Name)> Mentors, string? RejectionReason);
