using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Time;
using Npq.Core.Webinars;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Attendance;

/// <summary>Attendance: the register, the meeting platform import, and the figures each role sees.</summary>
public sealed class AttendanceController(
    SessionQueries sessions,
    AttendanceRecording recording,
    AttendanceOverview overview,
    IAuthorizationService authorization,
    IDataProtectionProvider dataProtection,
    IOptions<WebinarsOptions> options) : Controller
{
    private const string ImportPurpose = "Npq.Attendance.Import.v1";
    private const string ExpiredPreview = "This preview has expired or belongs to another session. Upload the file again.";

    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// The attendance a person sees, each list paged on its own: the mentees (<c>mpage</c>, <c>msize</c>), the school's
    /// candidates (<c>spage</c>, <c>ssize</c>) and the cohorts they run (<c>page</c>, <c>size</c>); each pager keeps the
    /// others' pages in its links.
    /// </summary>
    [HttpGet("attendance")]
    public async Task<IActionResult> Index(int? page, int? size, int? mpage, int? msize, int? spage, int? ssize, CancellationToken cancellationToken)
    {
        var viewer = new AttendanceViewer(
            User.GetUserId(), User.IsInRole(Roles.Candidate), User.IsInRole(Roles.Mentor), User.IsInRole(Roles.Headteacher), User.IsInRole(Roles.ProviderAdmin));
        var pages = new AttendancePages
        {
            MenteesPage = Paging.Number(mpage), MenteesSize = Paging.Size(msize),
            SchoolPage = Paging.Number(spage), SchoolSize = Paging.Size(ssize),
            CohortPage = Paging.Number(page), CohortSize = Paging.Size(size),
        };
        var lists = await overview.ListsAsync(viewer, MayReadAsync, reach => User.CohortAccessOf(reach) == CohortAccess.Manage, pages, cancellationToken);
        static string? Kept(int value, int none) => value == none ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string List, KeyValuePair<string, string?> Pair)[] kept =
        [
            ("m", new("msize", Kept(pages.MenteesSize, Paging.DefaultSize))), ("m", new("mpage", Kept(lists.MenteesPage.Page, 1))),
            ("s", new("ssize", Kept(pages.SchoolSize, Paging.DefaultSize))), ("s", new("spage", Kept(lists.SchoolPage.Page, 1))),
            ("c", new("size", Kept(pages.CohortSize, Paging.DefaultSize))), ("c", new("page", Kept(lists.ManagedPage, 1))),
        ];
        KeyValuePair<string, string?>[] Keep(string list) => kept.Where(k => k.List != list).Select(k => k.Pair).ToArray();
        return View(new AttendanceIndexPage(lists.Own, lists.Mentees, lists.School, lists.ManagedCohorts)
        {
            MenteesPager = new PageLinks("/attendance", Keep("m"), lists.MenteesPage.Page, pages.MenteesSize, lists.MenteesPage.Total, "your mentees", "mpage", "msize"),
            SchoolPager = new PageLinks("/attendance", Keep("s"), lists.SchoolPage.Page, pages.SchoolSize, lists.SchoolPage.Total, "candidates from your school", "spage", "ssize"),
            CohortPager = new PageLinks("/attendance", Keep("c"), lists.ManagedPage, pages.CohortSize, lists.ManagedTotal, "cohorts you run"),
        });
    }

    [HttpGet("attendance/candidates/{candidateUserId:int}")]
    public async Task<IActionResult> Candidate(int candidateUserId, CancellationToken cancellationToken)
    {
        if (!await MayReadAsync(candidateUserId))
        {
            return NotFound();
        }

        var attendance = await overview.CandidateAsync(candidateUserId, User.GetUserId(), MayReadAsync, cancellationToken);
        return attendance is null
            ? NotFound()
            : View(new CandidateAttendancePage(attendance.DisplayName, attendance.Cohorts, attendance.ViewerZone, candidateUserId == User.GetUserId()));
    }

    [HttpGet("attendance/cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, int? page, int? size, CancellationToken cancellationToken)
    {
        var cohort = await sessions.CohortAsync(cohortId, cancellationToken);
        if (cohort is null || !await authorization.CanAsync(User, cohortId, WebinarOperations.View))
        {
            return NotFound();
        }

        if (!await authorization.CanAsync(User, cohortId, WebinarOperations.Manage))
        {
            return Forbid();
        }

        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var (people, total) = await overview.CohortPageAsync(cohort, Paging.Skip(number, pageSize), pageSize, cancellationToken);
        if (Paging.Within(number, pageSize, total) != number)
        {
            number = 1;
            (people, total) = await overview.CohortPageAsync(cohort, 0, pageSize, cancellationToken);
        }

        return View(new CohortAttendancePage(cohort, people, new PageLinks($"/attendance/cohorts/{cohortId}", [], number, pageSize, total, "the cohort's attendance")));
    }

    [HttpPost("attendance/cohorts/{cohortId:int}/rule")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> Rule(int cohortId, [FromForm] string? thresholdPercent, CancellationToken cancellationToken)
    {
        var cohort = await sessions.CohortAsync(cohortId, cancellationToken);
        if (cohort is null || !await authorization.CanAsync(User, cohortId, WebinarOperations.ChangeRule))
        {
            return NotFound();
        }

        var error = await recording.ChangeRuleAsync(cohort, thresholdPercent, User.GetUserId(), IpAddress, cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(thresholdPercent), error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Rule", cohort);
        }

        return Redirect($"/webinars/cohorts/{cohortId}");
    }

    [HttpGet("webinars/sessions/{id:int}/register")]
    public async Task<IActionResult> Register(int id, int? page, int? size, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var sheet = await recording.RegisterAsync(view!.Session, Paging.Skip(number, pageSize), pageSize, cancellationToken);
        if (Paging.Within(number, pageSize, sheet.Total) != number)
        {
            number = 1;
            sheet = await recording.RegisterAsync(view.Session, 0, pageSize, cancellationToken);
        }

        return View(await RegisterPageAsync(view, sheet, number, pageSize, cancellationToken));
    }

    [HttpPost("webinars/sessions/{id:int}/register")]
    public async Task<IActionResult> Register(int id, int? page, int? size, IFormCollection form, CancellationToken cancellationToken)
    {
        var (view, denied) = await LoadManagedAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        // The page posted saves its own lines only; candidates on other pages keep their marks.
        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var sheet = await recording.SaveRegisterAsync(
            view!.Session,
            Paging.Skip(number, pageSize),
            pageSize,
            userId => form.ContainsKey($"mark-{userId}") ? (form[$"mark-{userId}"].ToString(), form[$"note-{userId}"].ToString()) : null,
            User.GetUserId(),
            IpAddress,
            cancellationToken);
        if (sheet.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(await RegisterPageAsync(view, sheet, number, pageSize, cancellationToken));
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
                var preview = await recording.PreviewImportAsync(view!.Session, read.Rows, read.Malformed, cancellationToken);
                var payload = JsonSerializer.Serialize(new ImportPayload(id, preview.ToConfirm()));
                return View("Import", new ImportPage(view, chosenZone, order, preview, Protector().Protect(payload, TimeSpan.FromHours(2)), null, null));
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

        var rows = Unseal(payload);
        if (rows is null || rows.SessionId != id)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Import", new ImportPage(view!, view!.Cohort.TimeZone, DateOrder.MonthFirst, null, null, ExpiredPreview, null));
        }

        var written = await recording.ConfirmImportAsync(view!.Session, rows.Rows, User.GetUserId(), IpAddress, cancellationToken);
        return View("Import", new ImportPage(view, view.Cohort.TimeZone, DateOrder.MonthFirst, null, null, null, written));
    }

    private ITimeLimitedDataProtector Protector() => dataProtection.CreateProtector(ImportPurpose).ToTimeLimitedDataProtector();

    /// <summary>The preview's rows, or null when the payload is missing, expired or not sealed by this site.</summary>
    private ImportPayload? Unseal(string? payload)
    {
        try
        {
            return payload is null ? null : JsonSerializer.Deserialize<ImportPayload>(Protector().Unprotect(payload));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private Task<bool> MayReadAsync(int candidateUserId) => authorization.MayReadCandidateAsync(User, candidateUserId);

    private async Task<RegisterPage> RegisterPageAsync(SessionListing view, RegisterSheet sheet, int page, int size, CancellationToken cancellationToken) =>
        new(view, sheet.Lines, await sessions.ViewerZoneAsync(User.GetUserId(), cancellationToken), sheet.Saved, sheet.Errors,
            new PageLinks($"/webinars/sessions/{view.Session.Id}/register", [], page, size, sheet.Total, "the register"));

    private async Task<(SessionListing? View, IActionResult? Denied)> LoadManagedAsync(int id, CancellationToken cancellationToken)
    {
        var session = await sessions.SessionAsync(id, cancellationToken);
        if (session is null || !await authorization.CanAsync(User, session.CohortId, WebinarOperations.View))
        {
            return (null, NotFound());
        }

        if (!await authorization.CanAsync(User, session.CohortId, WebinarOperations.Manage))
        {
            return (null, Forbid());
        }

        return (await sessions.ListingAsync(session, canManage: true, cancellationToken, withFacilitatorName: false), null);
    }
}
