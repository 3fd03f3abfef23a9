using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Data.Enrolment;
using Npq.Web.Features.Enrolment.CohortAdmin;
using Npq.Web.Infrastructure;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.Courses;

/// <summary>The provider's courses: any NPQ DfE funds, with a name, the framework it follows and a price.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/courses")]
public sealed class CoursesController(ICohortRepository cohorts, IFrameworkCatalog frameworks, ViewerScope scope, ILogger<CoursesController> logger) : Controller
{
    private const string Prefix = "Form.";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        return View(new CourseListViewModel(await cohorts.GetCoursesAsync(providerId, cancellationToken), frameworks.All.Select(f => f.Code).ToHashSet(StringComparer.OrdinalIgnoreCase)));
    }

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new CourseFormViewModel(null, new CourseForm(), frameworks.All));

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] CourseForm form, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var course = await ValidateAsync(form, providerId, 0, cancellationToken);
        if (course is null)
        {
            return View("Edit", new CourseFormViewModel(null, form, frameworks.All));
        }

        var id = await cohorts.CreateCourseAsync(course, cancellationToken);
        logger.LogInformation("Course {CourseId} created by {UserId}", id, User.GetUserId());
        TempData["Notice"] = $"{course.Name} added.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var course = await FindAsync(id, cancellationToken);
        return course is null ? NotFound() : View(new CourseFormViewModel(course, CourseForm.From(course), frameworks.All));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] CourseForm form, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(id, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        var course = await ValidateAsync(form, existing.ProviderId, id, cancellationToken);
        if (course is null)
        {
            return View(new CourseFormViewModel(existing, form, frameworks.All));
        }

        await cohorts.UpdateCourseAsync(course with { Id = id }, cancellationToken);
        logger.LogInformation("Course {CourseId} saved by {UserId}", id, User.GetUserId());
        TempData["Notice"] = $"{course.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<Course?> FindAsync(int id, CancellationToken cancellationToken) =>
        await scope.ProviderIdAsync(User, cancellationToken) is { } providerId ? await cohorts.GetCourseAsync(providerId, id, cancellationToken) : null;

    private async Task<Course?> ValidateAsync(CourseForm form, int providerId, int id, CancellationToken cancellationToken)
    {
        var definition = form.Identifier is null ? null : NpqCourses.Find(form.Identifier);
        if (form.Identifier is not null && definition is null)
        {
            ModelState.AddModelError(Prefix + nameof(CourseForm.Identifier), "Choose one of DfE's NPQs.");
        }
        else if (definition is not null && await cohorts.CourseIdentifierTakenAsync(providerId, definition.Identifier, id, cancellationToken))
        {
            ModelState.AddModelError(Prefix + nameof(CourseForm.Identifier), $"You already run {definition.ShortCode}: edit that course instead.");
        }

        if (!string.IsNullOrWhiteSpace(form.FrameworkCode) && frameworks.All.All(f => !f.Code.Equals(form.FrameworkCode, StringComparison.OrdinalIgnoreCase))
            && !System.Text.RegularExpressions.Regex.IsMatch(form.FrameworkCode, "^[a-z0-9-]{2,40}$"))
        {
            ModelState.AddModelError(Prefix + nameof(CourseForm.FrameworkCode), "A framework code is lower-case letters, digits and hyphens, such as npqsl.");
        }

        int pence = 0;
        if (form.Price is { } price)
        {
            var text = price.Trim().TrimStart('£').Replace(",", string.Empty, StringComparison.Ordinal);
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds) || pounds < 0 || pounds > 100_000 || decimal.Round(pounds, 2) != pounds)
            {
                ModelState.AddModelError(Prefix + nameof(CourseForm.Price), "Enter the price in pounds, such as 1550 or 1550.00.");
            }
            else
            {
                pence = (int)(pounds * 100);
            }
        }

        if (!ModelState.IsValid || definition is null)
        {
            return null;
        }

        return new Course
        {
            ProviderId = providerId,
            Identifier = definition.Identifier,
            ShortCode = definition.ShortCode,
            Name = string.IsNullOrWhiteSpace(form.Name) ? $"NPQ for {definition.Name}" : form.Name.Trim(),
            FrameworkCode = string.IsNullOrWhiteSpace(form.FrameworkCode) ? null : form.FrameworkCode.Trim().ToLowerInvariant(),
            PricePence = pence,
            IsLeadership = definition.IsLeadership,
            HasAssessment = definition.HasAssessment,
        };
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

    public static CourseForm From(Course c) => new()
    {
        Identifier = c.Identifier, Name = c.Name, FrameworkCode = c.FrameworkCode,
        Price = (c.PricePence / 100m).ToString("0.00", CultureInfo.InvariantCulture),
    };
}

public sealed record CourseListViewModel(IReadOnlyList<Course> Courses, IReadOnlySet<string> FrameworksWithContent);

public sealed record CourseFormViewModel(Course? Existing, CourseForm Form, IReadOnlyList<Framework> Frameworks);
