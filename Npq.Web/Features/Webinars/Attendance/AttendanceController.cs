using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Time;
using Npq.Core.Webinars;
using Npq.Data.Webinars;
using Npq.Web.Features.Webinars.Sessions;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Webinars.Attendance;

/// <summary>Attendance: the register, the meeting platform import, and the figures each role sees.</summary>
public sealed class AttendanceController(
    IWebinarRepository webinars,
    IAttendanceRepository attendance,
    IAttendanceQueries queries,
    IUserTimeZones timeZones,
    IAuthorizationService authorization,
    IDataProtectionProvider dataProtection,
    IAuditLog audit,
    IOptions<WebinarsOptions> options,
    TimeProvider time,
    ILogger<AttendanceController> logger) : Controller
{
    private const string ImportPurpose = "Npq.Attendance.Import.v1";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [HttpGet("attendance")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var own = User.IsInRole(Roles.Candidate) ? await LinesAsync(await webinars.GetEnrolmentsOfAsync(userId, cancellationToken), cancellationToken) : [];
        var mentees = User.IsInRole(Roles.Mentor) ? await LinesAsync(await webinars.GetMenteesAsync(userId, cancellationToken), cancellationToken) : [];
        var school = User.IsInRole(Roles.Headteacher) ? await LinesAsync(await webinars.GetSchoolCandidatesAsync(userId, cancellationToken), cancellationToken) : [];
        var managed = new List<SessionCohort>();
        foreach (var cohort in await webinars.GetCohortsForUserAsync(userId, User.IsInRole(Roles.ProviderAdmin), cancellationToken))
        {
            if (await CanCohort(cohort.Id, WebinarOperations.Manage))
            {
                managed.Add(cohort);
            }
        }

        return View(new AttendanceIndexPage(own, mentees, school, managed));
    }

    [HttpGet("attendance/candidates/{candidateUserId:int}")]
    public async Task<IActionResult> Candidate(int candidateUserId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, new CandidateResource(candidateUserId), Operations.Read)).Succeeded)
        {
            return NotFound();
        }

        var enrolments = await webinars.GetEnrolmentsOfAsync(candidateUserId, cancellationToken);
        if (enrolments.Count == 0)
        {
            return NotFound();
        }

        var lines = new List<(PersonAttendance, SessionCohort)>();
        foreach (var line in await LinesAsync(enrolments, cancellationToken))
        {
            lines.Add((line, (await webinars.GetCohortAsync(line.Person.CohortId, cancellationToken))!));
        }

        var viewerZone = (await timeZones.GetAsync(User.GetUserId(), cancellationToken))?.TimeZone;
        return View(new CandidateAttendancePage(enrolments[0].DisplayName, lines, viewerZone, candidateUserId == User.GetUserId()));
    }

    [HttpGet("attendance/cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, CancellationToken cancellationToken)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null || !await CanCohort(cohortId, WebinarOperations.View))
        {
            return NotFound();
        }

        if (!await CanCohort(cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var people = new List<PersonAttendance>();
        foreach (var member in await webinars.GetRosterAsync(cohortId, cancellationToken))
        {
            var summary = await queries.GetAttendanceAsync(member.UserId, cohortId, cancellationToken);
            people.Add(new PersonAttendance(new EnrolledPerson { CandidateUserId = member.UserId, DisplayName = member.DisplayName, CohortId = cohortId, CohortName = cohort.Name }, summary!));
        }

        return View(new CohortAttendancePage(cohort, people));
    }

    [HttpPost("attendance/cohorts/{cohortId:int}/rule")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> Rule(int cohortId, [FromForm] string? thresholdPercent, CancellationToken cancellationToken)
    {
        var cohort = await webinars.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null || !await webinars.IsProviderAdminOfCohortAsync(cohortId, User.GetUserId(), cancellationToken))
        {
            return NotFound();
        }

        if (!int.TryParse(thresholdPercent, out var percent) || percent is < 1 or > 100)
        {
            ModelState.AddModelError("thresholdPercent", "Enter a whole number from 1 to 100");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Rule", cohort);
        }

        await webinars.SetAttendanceThresholdAsync(cohortId, percent, cancellationToken);
        await AuditAsync("attendance.rule-changed", $"cohort:{cohortId}", $"threshold:{percent}", cancellationToken);
        logger.LogInformation("User {UserId} set the attendance rule of cohort {CohortId} to {Percent}%", User.GetUserId(), cohortId, percent);
        return Redirect($"/webinars/cohorts/{cohortId}");
    }

    [HttpGet("webinars/sessions/{id:int}/register")]
    public async Task<IActionResult> Register(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        return denied ?? View(await RegisterPageAsync(view!, saved: false, new Dictionary<int, string>(), null, cancellationToken));
    }

    [HttpPost("webinars/sessions/{id:int}/register")]
    public async Task<IActionResult> Register(int id, IFormCollection form, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var roster = await webinars.GetRosterAsync(view!.Session.CohortId, cancellationToken);
        var entries = new List<(int, RegisterMark?, string?)>();
        var errors = new Dictionary<int, string>();
        var posted = new Dictionary<int, (RegisterMark?, string?)>();
        foreach (var member in roster)
        {
            var markText = form[$"mark-{member.UserId}"].ToString();
            var note = form[$"note-{member.UserId}"].ToString().Trim();
            RegisterMark? mark = null;
            if (markText.Length > 0)
            {
                if (Enum.TryParse<RegisterMark>(markText, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
                {
                    mark = parsed;
                }
                else
                {
                    errors[member.UserId] = "Choose present, late, absent or excused";
                }
            }

            if (note.Length > 500)
            {
                errors[member.UserId] = "Keep the note to 500 characters";
            }

            posted[member.UserId] = (mark, note.Length == 0 ? null : note);
            entries.Add((member.UserId, mark, note.Length == 0 ? null : note));
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await RegisterPageAsync(view, saved: false, errors, posted, cancellationToken));
        }

        await attendance.SaveRegisterAsync(id, entries, User.GetUserId(), Now, cancellationToken);
        await AuditAsync("attendance.register-saved", $"session:{id}", null, cancellationToken);
        logger.LogInformation("User {UserId} saved the register of session {SessionId}", User.GetUserId(), id);
        return View(await RegisterPageAsync(view, saved: true, errors, null, cancellationToken));
    }

    [HttpGet("webinars/sessions/{id:int}/import")]
    public async Task<IActionResult> Import(int id, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        return denied ?? View(new ImportPage(view!, view!.Cohort.TimeZone, DateOrder.MonthFirst, null, null, null, null));
    }

    /// <summary>Reads the upload and shows what would be written. Nothing is written here.</summary>
    [HttpPost("webinars/sessions/{id:int}/import")]
    [RequestFormLimits(MultipartBodyLengthLimit = 2 * 1024 * 1024)]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public async Task<IActionResult> Preview(int id, IFormFile? file, [FromForm] string? zone, [FromForm] DateOrder order, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var chosenZone = ZonedTime.IsKnown(zone) ? zone! : view!.Cohort.TimeZone;
        string? error = null;
        if (file is null || file.Length == 0)
        {
            error = "Choose the attendance file exported from the meeting platform";
        }
        else if (file.Length > options.Value.ImportMaxBytes)
        {
            error = $"The file is larger than {options.Value.ImportMaxBytes / 1024:N0} KB. Export just this meeting's participants.";
        }

        if (error is null)
        {
            string text;
            using (var reader = new StreamReader(file!.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }

            var read = AttendanceCsvReader.Read(text, chosenZone, order);
            if (read.Error is not null)
            {
                error = read.Error;
            }
            else
            {
                var preview = AttendanceImportMatcher.Match(read.Rows, read.Malformed, await webinars.GetRosterAsync(view!.Session.CohortId, cancellationToken));
                var payload = new ImportPayload(id, preview.Matched.Select(m => new ImportPayloadRow(m.Member.UserId, m.Row.JoinUtc, m.Row.LeaveUtc)).ToList());
                var sealedPayload = Protector().Protect(JsonSerializer.Serialize(payload), TimeSpan.FromHours(2));
                return View("Import", new ImportPage(view, chosenZone, order, preview, sealedPayload, null, null));
            }
        }

        ModelState.AddModelError("file", error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Import", new ImportPage(view!, chosenZone, order, null, null, error, null));
    }

    /// <summary>Writes the rows the admin saw in the preview, all in one transaction.</summary>
    [HttpPost("webinars/sessions/{id:int}/import/confirm")]
    public async Task<IActionResult> Confirm(int id, [FromForm] string? payload, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        ImportPayload? rows = null;
        try
        {
            rows = payload is null ? null : JsonSerializer.Deserialize<ImportPayload>(Protector().Unprotect(payload));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            rows = null;
        }

        if (rows is null || rows.SessionId != id)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Import", new ImportPage(view!, view!.Cohort.TimeZone, DateOrder.MonthFirst, null, null, "This preview has expired or belongs to another session. Upload the file again.", null));
        }

        var roster = (await webinars.GetRosterAsync(view!.Session.CohortId, cancellationToken)).Select(m => m.UserId).ToHashSet();
        var segments = rows.Rows.Where(r => roster.Contains(r.UserId)).Select(r => new AttendanceSegment
        {
            SessionId = id, UserId = r.UserId, JoinUtc = r.JoinUtc, LeaveUtc = r.LeaveUtc, Source = AttendanceSource.Import,
        }).ToList();
        await attendance.AddSegmentsAsync(segments, Now, cancellationToken);
        await AuditAsync("attendance.imported", $"session:{id}", $"segments:{segments.Count}", cancellationToken);
        logger.LogInformation("User {UserId} imported {Count} attendance segments into session {SessionId}", User.GetUserId(), segments.Count, id);
        return View("Import", new ImportPage(view, view.Cohort.TimeZone, DateOrder.MonthFirst, null, null, null, segments.Count));
    }

    private ITimeLimitedDataProtector Protector() => dataProtection.CreateProtector(ImportPurpose).ToTimeLimitedDataProtector();

    private async Task<IReadOnlyList<PersonAttendance>> LinesAsync(IReadOnlyList<EnrolledPerson> people, CancellationToken cancellationToken)
    {
        var lines = new List<PersonAttendance>();
        foreach (var person in people)
        {
            // The list queries say who is related; the handler is asked too, so this page and every other agree.
            if (!(await authorization.AuthorizeAsync(User, new CandidateResource(person.CandidateUserId), Operations.Read)).Succeeded)
            {
                continue;
            }

            var summary = await queries.GetAttendanceAsync(person.CandidateUserId, person.CohortId, cancellationToken);
            if (summary is not null)
            {
                lines.Add(new PersonAttendance(person, summary));
            }
        }

        return lines;
    }

    private async Task<RegisterPage> RegisterPageAsync(SessionView view, bool saved, IReadOnlyDictionary<int, string> errors, IReadOnlyDictionary<int, (RegisterMark? Mark, string? Note)>? posted, CancellationToken cancellationToken)
    {
        var roster = await webinars.GetRosterAsync(view.Session.CohortId, cancellationToken);
        var marks = (await attendance.GetMarksForSessionAsync(view.Session.Id, cancellationToken)).ToDictionary(m => m.UserId);
        var segments = (await attendance.GetSegmentsForSessionAsync(view.Session.Id, cancellationToken)).ToLookup(s => s.UserId);
        var lines = roster.Select(member =>
        {
            var minutes = AttendanceCalculator.MinutesAttended(segments[member.UserId], view.Session.StartUtc, view.Session.EndUtc);
            if (posted is not null && posted.TryGetValue(member.UserId, out var typed))
            {
                return new RegisterLine(member, typed.Mark, typed.Note, minutes);
            }

            marks.TryGetValue(member.UserId, out var mark);
            return new RegisterLine(member, mark?.Mark, mark?.Note, minutes);
        }).ToList();
        var viewerZone = (await timeZones.GetAsync(User.GetUserId(), cancellationToken))?.TimeZone;
        return new RegisterPage(view, lines, viewerZone, saved, errors);
    }

    private async Task<(SessionView? View, IActionResult? Denied)> LoadManagedAsync(int id, CancellationToken cancellationToken)
    {
        var session = await webinars.GetSessionAsync(id, cancellationToken);
        if (session is null || !await CanCohort(session.CohortId, WebinarOperations.View))
        {
            return (null, NotFound());
        }

        if (!await CanCohort(session.CohortId, WebinarOperations.Manage))
        {
            return (null, Forbid());
        }

        var cohort = (await webinars.GetCohortAsync(session.CohortId, cancellationToken))!;
        return (new SessionView(session, cohort, null, CanManage: true), null);
    }

    private async Task<bool> CanCohort(int cohortId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, new CohortSessions(cohortId), operation)).Succeeded;

    private Task AuditAsync(string action, string subject, string? detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = Now, ActorUserId = User.GetUserId(), Action = action, Subject = subject, Detail = detail,
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
}
