using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.ApplicationInbox;

/// <summary>The provider's applications inbox: filter, then accept (into the cohort or onto its waiting list), reject or withdraw.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/applications")]
public sealed class ApplicationInboxController(ApplicationReview review, ViewerScope scope) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, int? cohort, string? eligible, string? funding, string? sort, int? page, int? size, CancellationToken cancellationToken)
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
        var newestFirst = sort == "newest";
        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var (inbox, fromStart) = await review.InboxPageAsync(providerId, filter, newestFirst, Paging.Skip(number, pageSize), pageSize, cancellationToken);
        var pager = new PageLinks("/admin/applications",
            [new("status", filter.Status?.ToString()), new("cohort", filter.CohortId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("eligible", eligible is "yes" or "no" ? eligible : null), new("funding", filter.FundingRoute?.ToString()), new("sort", newestFirst ? "newest" : null)],
            fromStart ? 1 : number, pageSize, inbox.Total, "applications") { MoreThanTotal = inbox.MoreThanTotal };
        return View(new InboxViewModel(inbox.Applications, filter, inbox.Cohorts) { Pager = pager, NewestFirst = newestFirst });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } found ? View(await DetailModelAsync(found, null, cancellationToken)) : NotFound();

    [HttpPost("{id:int}/accept")]
    public async Task<IActionResult> Accept(int id, int? mentorUserId, string? mentorEmail, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        // The list offers only the cohort's facilitators; another of the provider's mentors is named by email.
        var (refused, mentor) = await MentorByEmail.ResolveAsync(this, mentorEmail, mentorUserId, email => review.MentorByEmailAsync(found, email, cancellationToken));
        if (refused)
        {
            return View(nameof(Detail), await DetailModelAsync(found, null, cancellationToken));
        }

        mentorUserId = mentor;

        return await AfterDecisionAsync(found, await review.AcceptAsync(found, mentorUserId, Actor(), cancellationToken), ApplicationStatus.Accepted, null, cancellationToken);
    }

    [HttpPost("{id:int}/waiting-list")]
    public async Task<IActionResult> WaitingList(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } found
            ? await AfterDecisionAsync(found, await review.MoveToWaitingListAsync(found, Actor(), cancellationToken), ApplicationStatus.WaitingList, null, cancellationToken)
            : NotFound();

    [HttpPost("{id:int}/reject")]
    public async Task<IActionResult> Reject(int id, string? reason, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } found
            ? await AfterDecisionAsync(found, await review.RejectAsync(found, reason, Actor(), cancellationToken), ApplicationStatus.Rejected, reason?.Trim(), cancellationToken)
            : NotFound();

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } found
            ? await AfterDecisionAsync(found, await review.WithdrawAsync(found, Actor(), cancellationToken), ApplicationStatus.Withdrawn, null, cancellationToken)
            : NotFound();

    private async Task<IActionResult> AfterDecisionAsync(ApplicationCase found, Decision decision, ApplicationStatus to, string? reason, CancellationToken cancellationToken)
    {
        var cohort = found.Cohort;
        switch (decision.Outcome)
        {
            case DecisionOutcome.Invalid:
                ModelState.AddProblems([decision.Problem!]);
                return View(nameof(Detail), await DetailModelAsync(found, reason, cancellationToken));
            case DecisionOutcome.Done:
                TempData["Notice"] = $"The application was {ApplicationWorkflow.Done(to)}.";
                break;
            case DecisionOutcome.CohortFull:
                TempData["Problem"] = $"Not accepted: {cohort.Cohort.Name} is full ({decision.EnrolledNow} of {cohort.Cohort.Capacity} places taken). " +
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

        return RedirectToAction(nameof(Detail), new { id = found.Application.Application.Id });
    }

    /// <summary>The application and its cohort, when both belong to the admin's provider.</summary>
    private async Task<ApplicationCase?> FindAsync(int id, CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId ? await review.FindAsync(providerId, id, cancellationToken) : null;

    private ActingUser Actor() => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    private async Task<ApplicationDetailViewModel> DetailModelAsync(ApplicationCase found, string? reason, CancellationToken cancellationToken) =>
        new(found.Application, found.Cohort, await review.MentorsAsync(found, cancellationToken), reason);
}

public sealed record InboxViewModel(IReadOnlyList<ApplicationView> Applications, ApplicationFilter Filter, CohortChoices Cohorts)
{
    /// <summary>The page shown of all the matching applications (the filters and sorting kept in its links).</summary>
    public required PageLinks Pager { get; init; }

    public bool NewestFirst { get; init; }
}

public sealed record ApplicationDetailViewModel(ApplicationView Application, CohortSummary Cohort, IReadOnlyList<CohortPerson> Mentors, string? RejectionReason);
