using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Webinars;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>Scheduling, seeing and joining a cohort's webinars and face-to-face events.</summary>
[Route("webinars")]
public sealed class WebinarsController(
    SessionQueries queries,
    WebinarScheduling scheduling,
    AttendanceRecording recording,
    IAuthorizationService authorization,
    IOptions<WebinarsOptions> options) : Controller
{
    private int JoinOpensMinutesBefore => options.Value.JoinOpensMinutesBefore;

    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>The sessions page: a page of the upcoming sessions (<paramref name="page"/>, <paramref name="size"/>).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var (overview, number, pageSize) = await Paging.ReadAsync(page, size, (skip, take) => OverviewAsync(skip, take, cancellationToken), o => o.Upcoming.Count == 0);
        return View(new SessionsIndexPage(overview.Upcoming, overview.ViewerZone, overview.NowUtc, JoinOpensMinutesBefore, MayRunCohorts)
        {
            Attendance = overview.Attendance,
            Pager = new PageLinks("/webinars", [], number, pageSize, overview.UpcomingTotal, "upcoming sessions") { MoreThanTotal = overview.UpcomingMoreThanTotal },
        });
    }

    /// <summary>
    /// The past sessions across the person's cohorts, the latest first, a page at a time (<paramref name="page"/>,
    /// <paramref name="size"/>): their recordings and registers stay within reach however many there have been.
    /// </summary>
    [HttpGet("past")]
    public async Task<IActionResult> Past(int? page, int? size, CancellationToken cancellationToken)
    {
        var (past, number, pageSize) = await Paging.ReadAsync(page, size, (skip, take) => PastAsync(skip, take, cancellationToken), p => p.Sessions.Count == 0);
        return View(new PastSessionsPage(past.Sessions, past.ViewerZone, past.NowUtc, JoinOpensMinutesBefore, MayRunCohorts)
        {
            Pager = new PageLinks("/webinars/past", [], number, pageSize, past.Total, "past sessions") { MoreThanTotal = past.MoreThanTotal },
        });
    }

    private Task<PastSessions> PastAsync(int skip, int take, CancellationToken cancellationToken) =>
        queries.PastAsync(User.GetUserId(), User.IsInRole(Roles.ProviderAdmin), User.CohortAccessOf, skip, take, cancellationToken);

    /// <summary>
    /// The cohorts the person runs, a page at a time (<paramref name="page"/>, <paramref name="size"/>; a provider admin
    /// runs every cohort of the provider), each with its sessions and a way to schedule one.
    /// </summary>
    [HttpGet("cohorts")]
    public async Task<IActionResult> CohortsYouRun(int? page, int? size, CancellationToken cancellationToken)
    {
        var (run, number, pageSize) = await Paging.ReadAsync(page, size, (skip, take) => RunCohortsAsync(skip, take, cancellationToken), r => r.Cohorts.Count == 0);
        return View(new RunCohortsPage(run.Cohorts, await queries.ViewerZoneAsync(User.GetUserId(), cancellationToken))
        {
            Pager = new PageLinks("/webinars/cohorts", [], number, pageSize, run.Total, "cohorts you run"),
        });
    }

    /// <summary>Whether the person's roles may run a cohort's sessions (a provider admin, a mentor who facilitates): the "Cohorts you run" tab.</summary>
    private bool MayRunCohorts => User.IsInRole(Roles.ProviderAdmin) || User.IsInRole(Roles.Mentor);

    private Task<RunCohorts> RunCohortsAsync(int skip, int take, CancellationToken cancellationToken) =>
        queries.RunCohortsAsync(User.GetUserId(), User.IsInRole(Roles.ProviderAdmin), User.CohortAccessOf, skip, take, cancellationToken);

    private Task<SessionsOverview> OverviewAsync(int skip, int take, CancellationToken cancellationToken) =>
        queries.OverviewAsync(User.GetUserId(), User.IsInRole(Roles.ProviderAdmin), User.IsInRole(Roles.Candidate),
            User.CohortAccessOf, skip, take, cancellationToken);

    /// <summary>
    /// A cohort's sessions in start order, a page at a time; with no page in the address, the page holding the cohort's
    /// next session (<see cref="SessionQueries.CohortSessionsAsync"/>).
    /// </summary>
    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, int? page, int? size, CancellationToken cancellationToken)
    {
        var cohort = await queries.CohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var access = await authorization.CohortAccessAsync(User, cohortId);
        if (access == CohortAccess.None)
        {
            return Forbid();
        }

        var canManage = access == CohortAccess.Manage;
        var canChangeRule = await authorization.CanAsync(User, cohortId, WebinarOperations.ChangeRule);
        var pageSize = Paging.Size(size);
        // A page in the address that is not a number shows page 1, as any page that is not one; only no page at all opens at the next session.
        var asked = page ?? (Request.Query.ContainsKey("page") ? 0 : null);
        var list = await queries.CohortSessionsAsync(cohort, User.GetUserId(), asked, pageSize, cancellationToken);
        return View(new CohortSessionsPage(cohort, list.Sessions, canManage, canChangeRule, list.ViewerZone, list.NowUtc)
        {
            // Page 1 is named in its links: the address without a page opens at the cohort's next session.
            Pager = new PageLinks($"/webinars/cohorts/{cohortId}", [], list.Page, pageSize, list.Total, "the cohort's sessions") { FirstPageNamed = true },
            AtNextSession = asked is null,
        });
    }

    [HttpGet("cohorts/{cohortId:int}/schedule")]
    public async Task<IActionResult> Schedule(int cohortId, CancellationToken cancellationToken)
    {
        var cohort = await queries.CohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (!await authorization.CanAsync(User, cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var draft = SessionDraft.For(cohort, User.IsInRole(Roles.Mentor) ? User.GetUserId() : null);
        return View("SessionForm", await FormPageAsync(cohort, draft, null, cancellationToken));
    }

    [HttpPost("cohorts/{cohortId:int}/schedule")]
    public async Task<IActionResult> Schedule(int cohortId, SessionDraft form, [FromForm] string? facilitatorEmail, CancellationToken cancellationToken)
    {
        var cohort = await queries.CohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (!await authorization.CanAsync(User, cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var unreadable = SessionFormBinding.Unreadable(ModelState, form, isEdit: false);
        if (await FacilitatorRefusedAsync(cohort, form, facilitatorEmail, cancellationToken))
        {
            return View("SessionForm", await FormPageAsync(cohort, form, null, cancellationToken));
        }

        var result = await scheduling.ScheduleAsync(cohort, form, unreadable, User.GetUserId(), IpAddress, cancellationToken);
        if (!result.Done)
        {
            SessionFormBinding.Show(ModelState, result.Problems);
            return View("SessionForm", await FormPageAsync(cohort, form, null, cancellationToken));
        }

        var ids = result.SessionIds;
        return ids.Count == 1 ? RedirectToAction(nameof(Session), new { id = ids[0] }) : RedirectToAction(nameof(Cohort), new { cohortId });
    }

    [HttpGet("sessions/{id:int}")]
    public async Task<IActionResult> Session(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.View, cancellationToken);
        return denied ?? View(await SessionPageAsync(view!, null, cancellationToken));
    }

    [HttpGet("sessions/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        return View("SessionForm", await FormPageAsync(view!.Cohort, SessionDraft.Of(view.Session, view.Cohort), view.Session, cancellationToken));
    }

    [HttpPost("sessions/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, SessionDraft form, [FromForm] string? facilitatorEmail, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var unreadable = SessionFormBinding.Unreadable(ModelState, form, isEdit: true);
        if (await FacilitatorRefusedAsync(view!.Cohort, form, facilitatorEmail, cancellationToken))
        {
            return View("SessionForm", await FormPageAsync(view.Cohort, form, view.Session, cancellationToken));
        }

        var result = await scheduling.UpdateAsync(view.Session, view.Cohort, form, unreadable, User.GetUserId(), IpAddress, cancellationToken);
        if (!result.Done)
        {
            SessionFormBinding.Show(ModelState, result.Problems);
            return View("SessionForm", await FormPageAsync(view.Cohort, form, view.Session, cancellationToken) with { Conflict = result.Conflict });
        }

        return RedirectToAction(nameof(Session), new { id });
    }

    [HttpPost("sessions/{id:int}/cancel")]
    public async Task<IActionResult> Cancel(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await scheduling.CancelAsync(view!.Session, User.GetUserId(), IpAddress, cancellationToken);
        return result.Done
            ? RedirectToAction(nameof(Session), new { id })
            : View(nameof(Session), await SessionPageAsync(view, result.Conflict, cancellationToken));
    }

    [HttpPost("sessions/{id:int}/recording")]
    public async Task<IActionResult> Recording(int id, [FromForm] string? recordingUrl, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await scheduling.AddRecordingAsync(view!.Session, recordingUrl, User.GetUserId(), cancellationToken);
        if (result.Problems.Count > 0)
        {
            SessionFormBinding.Show(ModelState, result.Problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Session), await SessionPageAsync(view, null, cancellationToken));
        }

        return result.Done
            ? RedirectToAction(nameof(Session), new { id })
            : View(nameof(Session), await SessionPageAsync(view, result.Conflict, cancellationToken));
    }

    /// <summary>Records the join time, then sends the person to the meeting. Works only while the session is open.</summary>
    [HttpPost("sessions/{id:int}/join")]
    public async Task<IActionResult> Join(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.View, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await recording.JoinAsync(view!.Session, User.GetUserId(), cancellationToken);
        if (result.JoinUrl is null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Session), await SessionPageAsync(view, result.Refusal, cancellationToken));
        }

        return Redirect(result.JoinUrl);
    }

    /// <summary>One session as an .ics file, to add to a calendar.</summary>
    [HttpGet("sessions/{id:int}/calendar.ics")]
    public async Task<IActionResult> Download(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.View, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        return File(queries.Ics(view!, $"{Request.Scheme}://{Request.Host}"), "text/calendar; charset=utf-8", $"session-{id}.ics");
    }

    private async Task<(SessionListing? View, IActionResult? Denied)> LoadAsync(int id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var session = await queries.SessionAsync(id, cancellationToken);
        if (session is null)
        {
            return (null, NotFound());
        }

        // A session of a cohort the person cannot see is reported as missing, so ids reveal nothing.
        var access = await authorization.CohortAccessAsync(User, session.CohortId);
        if (access == CohortAccess.None)
        {
            return (null, NotFound());
        }

        if (operation == WebinarOperations.Manage && access != CohortAccess.Manage)
        {
            return (null, Forbid());
        }

        return (await queries.ListingAsync(session, access == CohortAccess.Manage, cancellationToken), null);
    }

    private async Task<SessionPage> SessionPageAsync(SessionListing view, string? message, CancellationToken cancellationToken) =>
        new(view, await queries.ViewerZoneAsync(User.GetUserId(), cancellationToken), queries.NowUtc, JoinOpensMinutesBefore, queries.AreasOf(view.Cohort), view.Cohort.FrameworkCode, message);

    /// <summary>
    /// "Another facilitator (email address)": when an address is given, the person it names becomes the draft's
    /// facilitator if they may facilitate; otherwise a message on the field (the address and the rest of the form kept,
    /// a 400) and true: nothing is saved.
    /// </summary>
    private async Task<bool> FacilitatorRefusedAsync(SessionCohort cohort, SessionDraft form, string? facilitatorEmail, CancellationToken cancellationToken)
    {
        var (refused, facilitator) = await StaffByEmail.ResolveAsync(
            this, SessionFormPage.FacilitatorEmailField, SessionFormPage.FacilitatorEmailField, WebinarScheduling.FacilitatorByEmailRefusal,
            facilitatorEmail, form.FacilitatorUserId, email => scheduling.FacilitatorByEmailAsync(cohort, email, cancellationToken));
        form.FacilitatorUserId = refused ? form.FacilitatorUserId : facilitator;
        return refused;
    }

    /// <summary>The form with its short list of facilitators: the people close to the cohort, plus whoever the form or the session names and the person using it.</summary>
    private async Task<SessionFormPage> FormPageAsync(SessionCohort cohort, SessionDraft form, WebinarSession? session, CancellationToken cancellationToken)
    {
        var choices = await scheduling.ChoicesAsync(cohort, [form.FacilitatorUserId, session?.FacilitatorUserId, User.GetUserId()], cancellationToken);
        return new SessionFormPage(cohort, form, choices.Facilitators, choices.Areas, session?.Id);
    }
}
