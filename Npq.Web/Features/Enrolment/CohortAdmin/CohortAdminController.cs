using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Web.Infrastructure;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.CohortAdmin;

/// <summary>The provider's cohorts: list, detail (enrolled, waiting, places), create, edit, and mentors in bulk.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/cohorts")]
public sealed class CohortAdminController(
    ICohortRepository cohorts,
    IApplicationRepository applications,
    IEnrolmentLifecycleRepository enrolments,
    IUserRepository users,
    ViewerScope scope,
    TimeProvider time,
    ILogger<CohortAdminController> logger) : Controller
{
    private const string Prefix = "Form.";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        return View(await cohorts.GetSummariesAsync(providerId, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        return View(await DetailModelAsync(cohort, cancellationToken));
    }

    [HttpPost("{id:int}/mentors")]
    public async Task<IActionResult> AssignMentors(int id, List<int>? enrolmentIds, int? mentorUserId, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var chosen = enrolmentIds ?? [];
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("enrolmentIds", "Tick at least one candidate.");
        }

        var mentors = await MentorsAsync(cohort.Course.ProviderId, cancellationToken);
        if (mentorUserId is { } m && mentors.All(x => x.UserId != m))
        {
            ModelState.AddModelError("mentorUserId", "Choose a mentor from the list.");
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Detail), await DetailModelAsync(cohort, cancellationToken) with { Selected = chosen });
        }

        var changed = await enrolments.AssignMentorAsync(id, chosen, mentorUserId, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Mentor {MentorUserId} assigned to {Count} enrolments of cohort {CohortId} by {UserId}", mentorUserId, changed, id, User.GetUserId());
        TempData["Notice"] = mentorUserId is null
            ? $"Mentor removed from {Plural(changed)}."
            : $"Mentor assigned to {Plural(changed)}{(changed < chosen.Count ? $" ({chosen.Count - changed} already had them)" : "")}.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        return View("Edit", await FormModelAsync(providerId, null, new CohortForm { StartYear = time.GetUtcNow().Year, TimeZone = "Europe/London" }, cancellationToken));
    }

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] CohortForm form, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var built = await ValidateAsync(form, providerId, 0, cancellationToken);
        if (built is null)
        {
            return View("Edit", await FormModelAsync(providerId, null, form, cancellationToken));
        }

        var id = await cohorts.CreateCohortAsync(built.Value.Cohort, built.Value.Extras, cancellationToken);
        logger.LogInformation("Cohort {CohortId} created by {UserId}", id, User.GetUserId());
        TempData["Notice"] = "Cohort created.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var form = CohortForm.From(cohort.Cohort, await cohorts.GetExtrasAsync(id, cancellationToken));
        return View(await FormModelAsync(cohort.Course.ProviderId, cohort, form, cancellationToken));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] CohortForm form, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var providerId = cohort.Course.ProviderId;
        var built = await ValidateAsync(form, providerId, id, cancellationToken);
        if (built is not null && built.Value.Cohort.Capacity < cohort.Enrolled)
        {
            ModelState.AddModelError(Prefix + nameof(CohortForm.Capacity), $"{cohort.Enrolled} places are already taken: the cohort needs at least that many.");
            built = null;
        }

        if (built is null)
        {
            return View(await FormModelAsync(providerId, cohort, form, cancellationToken));
        }

        if (!await cohorts.UpdateCohortAsync(built.Value.Cohort, built.Value.Extras, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, "Someone else saved this cohort while you were editing it. Your changes are below: check them against the current cohort and save again.");
            var current = await cohorts.GetSummaryAsync(id, cancellationToken);
            form.Version = current?.Cohort.Version ?? form.Version;
            ModelState.Remove(Prefix + nameof(CohortForm.Version));
            return View(await FormModelAsync(providerId, cohort, form, cancellationToken));
        }

        logger.LogInformation("Cohort {CohortId} saved by {UserId}", id, User.GetUserId());
        TempData["Notice"] = "Cohort saved.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    private async Task<(Cohort Cohort, CohortExtras Extras)?> ValidateAsync(CohortForm form, int providerId, int id, CancellationToken cancellationToken)
    {
        if (form.CourseId is { } courseId && await cohorts.GetCourseAsync(providerId, courseId, cancellationToken) is null)
        {
            ModelState.AddModelError(Prefix + nameof(CohortForm.CourseId), "Choose one of your courses.");
        }

        if (form.DeliveryPartnerId is { } partner && (await cohorts.GetDeliveryPartnersAsync(providerId, cancellationToken)).All(p => p.UserId != partner))
        {
            ModelState.AddModelError(Prefix + nameof(CohortForm.DeliveryPartnerId), "Choose one of your delivery partners.");
        }

        var mentors = await MentorsAsync(providerId, cancellationToken);
        if (form.FacilitatorUserIds.Any(f => mentors.All(m => m.UserId != f)))
        {
            ModelState.AddModelError(Prefix + nameof(CohortForm.FacilitatorUserIds), "Choose facilitators from the list.");
        }

        if (form.CourseId is { } course && form.Name is { } name && await cohorts.CohortNameTakenAsync(course, name.Trim(), id, cancellationToken))
        {
            ModelState.AddModelError(Prefix + nameof(CohortForm.Name), "The course already has a cohort with this name.");
        }

        return form.Validate(ModelState, Prefix, id);
    }

    private async Task<CohortSummary?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var providerId = await scope.ProviderIdAsync(User, cancellationToken);
        var cohort = await cohorts.GetSummaryAsync(id, cancellationToken);
        return providerId is null || cohort is null || cohort.Course.ProviderId != providerId ? null : cohort;
    }

    private async Task<IReadOnlyList<CohortPerson>> MentorsAsync(int providerId, CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.Mentor, cancellationToken))
            .Where(u => u.ProviderId == providerId && u.IsActive).Select(u => new CohortPerson(u.Id, u.DisplayName)).ToList();

    private async Task<CohortDetailViewModel> DetailModelAsync(CohortSummary cohort, CancellationToken cancellationToken) => new(
        cohort,
        await cohorts.GetExtrasAsync(cohort.Cohort.Id, cancellationToken),
        await enrolments.GetForCohortAsync(cohort.Cohort.Id, cancellationToken),
        await applications.GetInboxAsync(cohort.Course.ProviderId, new ApplicationFilter { CohortId = cohort.Cohort.Id, Status = ApplicationStatus.WaitingList }, cancellationToken),
        await MentorsAsync(cohort.Course.ProviderId, cancellationToken),
        []);

    private async Task<CohortFormViewModel> FormModelAsync(int providerId, CohortSummary? existing, CohortForm form, CancellationToken cancellationToken) => new(
        existing,
        form,
        await cohorts.GetCoursesAsync(providerId, cancellationToken),
        await cohorts.GetDeliveryPartnersAsync(providerId, cancellationToken),
        await MentorsAsync(providerId, cancellationToken));

    private static string Plural(int n) => n == 1 ? "1 candidate" : $"{n} candidates";
}

public sealed record CohortDetailViewModel(
    CohortSummary Cohort,
    CohortExtras Extras,
    IReadOnlyList<EnrolmentView> Enrolments,
    IReadOnlyList<ApplicationView> WaitingList,
    IReadOnlyList<CohortPerson> Mentors,
    IReadOnlyList<int> Selected);

public sealed record CohortFormViewModel(
    CohortSummary? Existing,
    CohortForm Form,
    IReadOnlyList<Course> Courses,
    IReadOnlyList<CohortPerson> DeliveryPartners,
    IReadOnlyList<CohortPerson> Mentors);
