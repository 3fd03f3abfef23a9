using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Frameworks;
using Npq.Core.Time;
using Npq.Core.Webinars;
using Npq.Data.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>Scheduling, seeing and joining a cohort's webinars and face-to-face events.</summary>
[Route("webinars")]
public sealed partial class WebinarsController(
    IWebinarRepository webinars,
    IAttendanceRepository attendance,
    IUserTimeZones timeZones,
    IFrameworkCatalog frameworks,
    IAttendanceQueries attendanceQueries,
    IAuthorizationService authorization,
    IAuditLog audit,
    IOptions<WebinarsOptions> options,
    TimeProvider time,
    ILogger<WebinarsController> logger) : Controller
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var cohorts = await webinars.GetCohortsForUserAsync(userId, User.IsInRole(Roles.ProviderAdmin), cancellationToken);
        var views = new List<SessionView>();
        var managed = new List<SessionCohort>();
        foreach (var cohort in cohorts)
        {
            if (!await Can(cohort.Id, WebinarOperations.View))
            {
                continue;
            }

            var canManage = await Can(cohort.Id, WebinarOperations.Manage);
            if (canManage)
            {
                managed.Add(cohort);
            }

            var names = await FacilitatorNamesAsync(cohort.Id, cancellationToken);
            views.AddRange((await webinars.GetSessionsForCohortAsync(cohort.Id, cancellationToken))
                .Select(s => new SessionView(s, cohort, Name(names, s.FacilitatorUserId), canManage)));
        }

        var now = Now;
        var page = new SessionsIndexPage(
            views.Where(v => !v.Session.HasEnded(now)).OrderBy(v => v.Session.StartUtc).ToList(),
            views.Where(v => v.Session.HasEnded(now)).OrderByDescending(v => v.Session.StartUtc).Take(20).ToList(),
            managed,
            await ViewerZoneAsync(cancellationToken),
            now,
            options.Value.JoinOpensMinutesBefore)
        {
            Attendance = User.IsInRole(Roles.Candidate)
                ? (await attendanceQueries.GetAttendanceForCandidateAsync(userId, cancellationToken))
                    .Select(a => (cohorts.FirstOrDefault(c => c.Id == a.CohortId)?.Name ?? string.Empty, a)).ToList()
                : [],
        };
        return View(page);
    }

    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, CancellationToken cancellationToken)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (!await Can(cohortId, WebinarOperations.View))
        {
            return Forbid();
        }

        var canManage = await Can(cohortId, WebinarOperations.Manage);
        var names = await FacilitatorNamesAsync(cohortId, cancellationToken);
        var sessions = (await webinars.GetSessionsForCohortAsync(cohortId, cancellationToken))
            .Select(s => new SessionView(s, cohort, Name(names, s.FacilitatorUserId), canManage)).ToList();
        var canChangeRule = User.IsInRole(Roles.ProviderAdmin) && await webinars.IsProviderAdminOfCohortAsync(cohortId, User.GetUserId(), cancellationToken);
        return View(new CohortSessionsPage(cohort, sessions, canManage, canChangeRule, await ViewerZoneAsync(cancellationToken), Now));
    }

    [HttpGet("cohorts/{cohortId:int}/schedule")]
    public async Task<IActionResult> Schedule(int cohortId, CancellationToken cancellationToken)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (!await Can(cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var form = new SessionForm
        {
            FacilitatorUserId = User.IsInRole(Roles.Mentor) ? User.GetUserId() : null,
            Capacity = 30,
            DurationMinutes = 90,
            Occurrences = 1,
            Mode = cohort.DeliveryModel == nameof(Core.Enrolment.DeliveryModel.FaceToFace) ? SessionMode.FaceToFace : SessionMode.Online,
        };
        return View("SessionForm", await FormPageAsync(cohort, form, null, cancellationToken));
    }

    [HttpPost("cohorts/{cohortId:int}/schedule")]
    public async Task<IActionResult> Schedule(int cohortId, SessionForm form, CancellationToken cancellationToken)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        if (!await Can(cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var page = await FormPageAsync(cohort, form, null, cancellationToken);
        Validate(form, page, isEdit: false);
        if (!ModelState.IsValid)
        {
            return View("SessionForm", page);
        }

        var now = Now;
        var starts = SessionSchedule.Occurrences(form.Date!.Value, form.StartTime!.Value, cohort.TimeZone, form.Recurrence, form.Occurrences ?? 1);
        var seriesId = starts.Count > 1 ? Guid.NewGuid().ToString("N") : null;
        var sessions = starts.Select((start, i) => ToSession(form, cohort, start) with
        {
            SeriesId = seriesId,
            Title = starts.Count > 1 ? $"{form.Title!.Trim()} ({i + 1} of {starts.Count})" : form.Title!.Trim(),
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList();
        var ids = await webinars.CreateSessionsAsync(sessions, cancellationToken);
        await AuditAsync("webinar.scheduled", $"cohort:{cohortId}", $"sessions:{string.Join(',', ids)}", cancellationToken);
        logger.LogInformation("User {UserId} scheduled {Count} sessions for cohort {CohortId}", User.GetUserId(), ids.Count, cohortId);
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

        var s = view!.Session;
        var local = ZonedTime.ToLocal(s.StartUtc, view.Cohort.TimeZone);
        var form = new SessionForm
        {
            Title = s.Title, Agenda = s.AgendaMarkdown, Date = DateOnly.FromDateTime(local), StartTime = TimeOnly.FromDateTime(local),
            DurationMinutes = s.DurationMinutes, FacilitatorUserId = s.FacilitatorUserId, Mode = s.IsFaceToFace ? SessionMode.FaceToFace : SessionMode.Online,
            JoinUrl = s.JoinUrl, Venue = s.Venue, Capacity = s.Capacity, Areas = s.FrameworkAreas.ToList(), Version = s.Version,
        };
        return View("SessionForm", await FormPageAsync(view.Cohort, form, id, cancellationToken));
    }

    [HttpPost("sessions/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, SessionForm form, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var page = await FormPageAsync(view!.Cohort, form, id, cancellationToken);
        if (view.Session.IsCancelled)
        {
            ModelState.AddModelError(string.Empty, "This session was cancelled, so it can no longer be changed.");
        }

        Validate(form, page, isEdit: true);
        if (!ModelState.IsValid)
        {
            return View("SessionForm", page);
        }

        var start = ZonedTime.ToUtc(form.Date!.Value.ToDateTime(form.StartTime!.Value), view.Cohort.TimeZone);
        var changed = ToSession(form, view.Cohort, start) with
        {
            Id = id, SeriesId = view.Session.SeriesId, Title = form.Title!.Trim(), Status = view.Session.Status,
            RecordingUrl = view.Session.RecordingUrl, Version = form.Version,
        };
        if (!await webinars.UpdateSessionAsync(changed, Now, cancellationToken))
        {
            return View("SessionForm", page with
            {
                Conflict = "Someone else changed this session while you were editing. Your changes are below and were not saved: open the session again to see theirs.",
            });
        }

        await AuditAsync("webinar.updated", $"session:{id}", null, cancellationToken);
        logger.LogInformation("User {UserId} updated session {SessionId}", User.GetUserId(), id);
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

        if (!view!.Session.IsCancelled)
        {
            if (!await webinars.UpdateSessionAsync(view.Session with { Status = SessionStatus.Cancelled }, Now, cancellationToken))
            {
                return View(nameof(Session), await SessionPageAsync(view, "Someone else changed this session just now. Look again before cancelling it.", cancellationToken));
            }

            await AuditAsync("webinar.cancelled", $"session:{id}", null, cancellationToken);
            logger.LogInformation("User {UserId} cancelled session {SessionId}", User.GetUserId(), id);
        }

        return RedirectToAction(nameof(Session), new { id });
    }

    [HttpPost("sessions/{id:int}/recording")]
    public async Task<IActionResult> Recording(int id, [FromForm] string? recordingUrl, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadAsync(id, WebinarOperations.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (!view!.Session.HasEnded(Now))
        {
            ModelState.AddModelError("recordingUrl", "A recording can be added once the session has finished.");
        }
        else if (!SessionSchedule.IsHttpsUrl(recordingUrl))
        {
            ModelState.AddModelError("recordingUrl", "Enter the recording's full link, starting https://");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Session), await SessionPageAsync(view, null, cancellationToken));
        }

        if (!await webinars.UpdateSessionAsync(view.Session with { RecordingUrl = recordingUrl!.Trim() }, Now, cancellationToken))
        {
            return View(nameof(Session), await SessionPageAsync(view, "Someone else changed this session just now. Add the recording again.", cancellationToken));
        }

        logger.LogInformation("User {UserId} added a recording to session {SessionId}", User.GetUserId(), id);
        return RedirectToAction(nameof(Session), new { id });
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

        var now = Now;
        var session = view!.Session;
        if (!session.CanJoin(now, options.Value.JoinOpensMinutesBefore))
        {
            var message = session.IsCancelled ? "This session was cancelled."
                : session.HasEnded(now) ? "This session has finished."
                : session.JoinUrl is null ? "This session has no online meeting to join."
                : $"You can join from {options.Value.JoinOpensMinutesBefore} minutes before the start.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Session), await SessionPageAsync(view, message, cancellationToken));
        }

        var userId = User.GetUserId();
        await attendance.AddSegmentAsync(new AttendanceSegment { SessionId = id, UserId = userId, JoinUtc = now < session.StartUtc ? session.StartUtc : now, Source = AttendanceSource.JoinButton }, now, cancellationToken);
        logger.LogInformation("User {UserId} joined session {SessionId}", userId, id);
        return Redirect(session.JoinUrl!);
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

        var ics = IcsWriter.Write(view!.Session.Title, [CalendarEvents.From(view.Session, view.Cohort, $"{Request.Scheme}://{Request.Host}")], Now);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"session-{id}.ics");
    }

    private Task AuditAsync(string action, string subject, string? detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(new Core.Auditing.AuditEntry
        {
            OccurredUtc = Now, ActorUserId = User.GetUserId(), Action = action, Subject = subject, Detail = detail,
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);

    private async Task<bool> Can(int cohortId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, new CohortSessions(cohortId), operation)).Succeeded;

    private async Task<(SessionView? View, IActionResult? Denied)> LoadAsync(int id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var session = await webinars.GetSessionAsync(id, cancellationToken);
        if (session is null)
        {
            return (null, NotFound());
        }

        // A session of a cohort the person cannot see is reported as missing, so ids reveal nothing.
        if (!await Can(session.CohortId, WebinarOperations.View))
        {
            return (null, NotFound());
        }

        var canManage = await Can(session.CohortId, WebinarOperations.Manage);
        if (operation == WebinarOperations.Manage && !canManage)
        {
            return (null, Forbid());
        }

        var cohort = (await webinars.GetCohortAsync(session.CohortId, cancellationToken))!;
        var names = await FacilitatorNamesAsync(cohort.Id, cancellationToken);
        return (new SessionView(session, cohort, Name(names, session.FacilitatorUserId), canManage), null);
    }

    private async Task<SessionPage> SessionPageAsync(SessionView view, string? message, CancellationToken cancellationToken) =>
        new(view, await ViewerZoneAsync(cancellationToken), Now, options.Value.JoinOpensMinutesBefore, AreasOf(view.Cohort), view.Cohort.FrameworkCode, message);

    private async Task<string?> ViewerZoneAsync(CancellationToken cancellationToken) =>
        (await timeZones.GetAsync(User.GetUserId(), cancellationToken))?.TimeZone;

    private async Task<IReadOnlyDictionary<int, string>> FacilitatorNamesAsync(int cohortId, CancellationToken cancellationToken) =>
        (await webinars.GetPossibleFacilitatorsAsync(cohortId, cancellationToken)).ToDictionary(m => m.UserId, m => m.DisplayName);

    private static string? Name(IReadOnlyDictionary<int, string> names, int? userId) =>
        userId is not null && names.TryGetValue(userId.Value, out var name) ? name : null;

    private async Task<SessionFormPage> FormPageAsync(SessionCohort cohort, SessionForm form, int? sessionId, CancellationToken cancellationToken) =>
        new(cohort, form, await webinars.GetPossibleFacilitatorsAsync(cohort.Id, cancellationToken), AreasOf(cohort), sessionId);

    private IReadOnlyList<(string Slug, string Title)> AreasOf(SessionCohort cohort) =>
        cohort.FrameworkCode is null ? [] : frameworks.Find(cohort.FrameworkCode)?.Areas.Select(a => (a.Slug, a.Title)).ToList() ?? [];

    private static WebinarSession ToSession(SessionForm form, SessionCohort cohort, DateTime startUtc) => new()
    {
        CohortId = cohort.Id,
        Title = form.Title!.Trim(),
        AgendaMarkdown = form.Agenda?.Trim() ?? string.Empty,
        StartUtc = startUtc,
        DurationMinutes = form.DurationMinutes!.Value,
        FacilitatorUserId = form.FacilitatorUserId,
        JoinUrl = form.Mode == SessionMode.Online ? form.JoinUrl!.Trim() : null,
        Venue = form.Mode == SessionMode.FaceToFace ? form.Venue!.Trim() : null,
        Capacity = form.Capacity!.Value,
        FrameworkAreas = form.Areas.Distinct(StringComparer.Ordinal).ToList(),
    };
}
