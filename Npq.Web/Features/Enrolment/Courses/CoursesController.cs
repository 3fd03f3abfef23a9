using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.Courses;

/// <summary>The provider's courses: any NPQ DfE funds, with a name, the framework it follows and a price.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/courses")]
public sealed class CoursesController(CourseCatalogue catalogue, ViewerScope scope) : Controller
{
    private const string Prefix = "Form.";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var list = await catalogue.ListAsync(providerId, cancellationToken);
        return View(new CourseListViewModel(list.Courses, list.FrameworksWithContent));
    }

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new CourseFormViewModel(null, new CourseForm(), catalogue.Frameworks));

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] CourseForm form, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var check = await catalogue.CheckAsync(providerId, 0, form.ToInput(), cancellationToken);
        if (!Accepts(check))
        {
            return View("Edit", new CourseFormViewModel(null, form, catalogue.Frameworks));
        }

        await catalogue.CreateAsync(check, new ActingUser(User.GetUserId()), cancellationToken);
        TempData["Notice"] = $"{check.Course!.Name} added.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var course = await FindAsync(id, cancellationToken);
        return course is null ? NotFound() : View(new CourseFormViewModel(course, CourseForm.From(course), catalogue.Frameworks));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] CourseForm form, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(id, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        var check = await catalogue.CheckAsync(existing.ProviderId, id, form.ToInput(), cancellationToken);
        if (!Accepts(check))
        {
            return View(new CourseFormViewModel(existing, form, catalogue.Frameworks));
        }

        await catalogue.SaveAsync(check, new ActingUser(User.GetUserId()), cancellationToken);
        TempData["Notice"] = $"{check.Course!.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<Course?> FindAsync(int id, CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId ? await catalogue.FindAsync(providerId, id, cancellationToken) : null;

    /// <summary>Shows the check's problems beside their fields; true when neither they nor the form's own limits stop the save.</summary>
    private bool Accepts(CourseCheck check)
    {
        ModelState.AddProblems(check.Problems, Prefix);
        return ModelState.IsValid && check.IsValid;
    }
}

public sealed class CourseForm
{
    [Required(ErrorMessage = "Choose the NPQ.")]
    [Display(Name = "NPQ (DfE course)")]
    public string? Identifier { get; set; }

    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer.")]
    [Display(Name = "Name people see (optional)")]
    public string? Name { get; set; }

    [StringLength(40)]
    [Display(Name = "Framework code (optional)")]
    public string? FrameworkCode { get; set; }

    [Required(ErrorMessage = "Enter the price in pounds.")]
    [StringLength(20)]
    [Display(Name = "Price in pounds, before VAT")]
    public string? Price { get; set; }

    public CourseInput ToInput() => new(Identifier, Name, FrameworkCode, Price);

    public static CourseForm From(Course c) => new()
    {
        Identifier = c.Identifier, Name = c.Name, FrameworkCode = c.FrameworkCode,
        Price = (c.PricePence / 100m).ToString("0.00", CultureInfo.InvariantCulture),
    };
}

public sealed record CourseListViewModel(IReadOnlyList<Course> Courses, IReadOnlySet<string> FrameworksWithContent);

public sealed record CourseFormViewModel(Course? Existing, CourseForm Form, IReadOnlyList<Framework> Frameworks);
