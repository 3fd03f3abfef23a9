using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.CohortAdmin;

/// <summary>The provider's cohorts: list, detail (enrolled, waiting, places), create, edit, and mentors in bulk.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/cohorts")]
public sealed class CohortAdminController(CohortAdministration admin, ViewerScope scope) : Controller
{
    private const string Prefix = "Form.";

    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var pageSize = Paging.Size(size);
        var number = Paging.Number(page);
        var (total, rows, fromStart) = await admin.ListPageAsync(providerId, Paging.Skip(number, pageSize), pageSize, cancellationToken);
        return View(new CohortListViewModel(rows, new PageLinks("/admin/cohorts", [], fromStart ? 1 : number, pageSize, total, "cohorts")));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, int? page, int? size, int? wpage, int? wsize, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } cohort
            ? View(await DetailModelAsync(cohort, [], Paging.Number(page), Paging.Size(size), cancellationToken, Paging.Number(wpage), Paging.Size(wsize)))
            : NotFound();

    [HttpPost("{id:int}/mentors")]
    public async Task<IActionResult> AssignMentors(int id, List<int>? enrolmentIds, int? mentorUserId, string? mentorEmail, int? page, int? size, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var chosen = enrolmentIds ?? [];
        // The list offers only the mentors already on the page; another of the provider's mentors is named by email.
        var (refused, mentor) = await MentorByEmail.ResolveAsync(this, mentorEmail, mentorUserId, email => admin.MentorByEmailAsync(cohort, email, cancellationToken));
        if (refused)
        {
            return View(nameof(Detail), await DetailModelAsync(cohort, chosen, Paging.Number(page), Paging.Size(size), cancellationToken));
        }

        mentorUserId = mentor;

        var (changed, problems) = await admin.AssignMentorsAsync(cohort, chosen, mentorUserId, Actor(), cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems);
            return View(nameof(Detail), await DetailModelAsync(cohort, chosen, Paging.Number(page), Paging.Size(size), cancellationToken));
        }

        TempData["Notice"] = mentorUserId is null
            ? $"Mentor removed from {Plural(changed)}."
            : $"Mentor assigned to {Plural(changed)}{(changed < chosen.Count ? $" ({chosen.Count - changed} already had them)" : "")}.";

        // Back on the page of candidates the form was posted from.
        return RedirectToAction(nameof(Detail), new { id, page = Paging.Number(page) == 1 ? (int?)null : page, size = Paging.Size(size) == Paging.DefaultSize ? (int?)null : size });
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId
            ? View("Edit", await FormModelAsync(providerId, null, CohortForm.From(admin.Blank()), cancellationToken))
            : Forbid();

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] CohortForm form, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var check = await admin.CheckAsync(providerId, null, form.ToInput(), cancellationToken);
        if (!Accepts(check))
        {
            return View("Edit", await FormModelAsync(providerId, null, form, cancellationToken));
        }

        var id = await admin.CreateAsync(check, Actor(), cancellationToken);
        TempData["Notice"] = "Cohort created.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } cohort
            ? View(await FormModelAsync(cohort.Course.ProviderId, cohort, CohortForm.From(await admin.InputAsync(cohort, cancellationToken)), cancellationToken))
            : NotFound();

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] CohortForm form, CancellationToken cancellationToken)
    {
        var cohort = await FindAsync(id, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var providerId = cohort.Course.ProviderId;
        var check = await admin.CheckAsync(providerId, cohort, form.ToInput(), cancellationToken);
        if (!Accepts(check))
        {
            return View(await FormModelAsync(providerId, cohort, form, cancellationToken));
        }

        var (saved, currentVersion) = await admin.SaveAsync(check, Actor(), cancellationToken);
        if (!saved)
        {
            ModelState.AddModelError(string.Empty, "Someone else saved this cohort while you were editing it. Your changes are below: check them against the current cohort and save again.");
            form.Version = currentVersion;
            ModelState.Remove(Prefix + nameof(CohortForm.Version));
            return View(await FormModelAsync(providerId, cohort, form, cancellationToken));
        }

        TempData["Notice"] = "Cohort saved.";
        return RedirectToAction(nameof(Detail), new { id });
    }

    /// <summary>Shows the check's problems beside their fields; true when neither they nor the form's own limits stop the save.</summary>
    private bool Accepts(CohortCheck check)
    {
        ModelState.AddProblems(check.Problems, Prefix);
        return ModelState.IsValid && check.IsValid;
    }

    private async Task<CohortSummary?> FindAsync(int id, CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId ? await admin.FindAsync(providerId, id, cancellationToken) : null;

    private ActingUser Actor() => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    /// <summary>The cohort's page: the enrolled list and the waiting list are paged apart, each pager keeping the other's page.</summary>
    private async Task<CohortDetailViewModel> DetailModelAsync(
        CohortSummary cohort, IReadOnlyList<int> selected, int page, int size, CancellationToken cancellationToken, int waitingPage = 1, int waitingSize = Paging.DefaultSize)
    {
        var detail = await admin.DetailAsync(cohort, page, size, waitingPage, waitingSize, cancellationToken);
        static string? Kept(int value, int unless) => value == unless ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = $"/admin/cohorts/{cohort.Cohort.Id}";
        return new(
            detail,
            selected,
            new PageLinks(path, [new("wsize", Kept(waitingSize, Paging.DefaultSize)), new("wpage", Kept(detail.WaitingPage, 1))], detail.Page, size, detail.EnrolledTotal, "enrolled candidates"),
            new PageLinks(path, [new("size", Kept(size, Paging.DefaultSize)), new("page", Kept(detail.Page, 1))], detail.WaitingPage, waitingSize, detail.WaitingTotal, "the waiting list", "wpage", "wsize"));
    }

    private async Task<CohortFormViewModel> FormModelAsync(int providerId, CohortSummary? existing, CohortForm form, CancellationToken cancellationToken)
    {
        // The facilitators offered are the cohort's (or those ticked on the form sent back), not the provider's every mentor.
        var options = await admin.OptionsAsync(providerId, form.FacilitatorUserIds, cancellationToken);
        return new(existing, form, options.Courses, options.DeliveryPartners, options.Mentors);
    }

    private static string Plural(int n) => n == 1 ? "1 candidate" : $"{n} candidates";
}

/// <summary>One page of the provider's cohorts, soonest first.</summary>
public sealed record CohortListViewModel(IReadOnlyList<CohortSummary> Cohorts, PageLinks Pager);

/// <summary>The cohort's page, with the candidates ticked for a mentor when the form comes back with a problem.</summary>
public sealed record CohortDetailViewModel(CohortDetail Detail, IReadOnlyList<int> Selected, PageLinks Pager, PageLinks WaitingPager);

public sealed record CohortFormViewModel(
    CohortSummary? Existing,
    CohortForm Form,
    IReadOnlyList<Course> Courses,
    IReadOnlyList<CohortPerson> DeliveryPartners,
    IReadOnlyList<CohortPerson> Mentors);
