using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.MyCourses;

/// <summary>
/// A person's own courses; a mentor's candidates; a headteacher's staff. Each list is scoped to the signed-in user in
/// the query itself, so nobody sees anyone else's.
/// </summary>
public sealed class MyCoursesController(MyEnrolments mine) : Controller
{
    [HttpGet("/my/courses")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var courses = await mine.CoursesAsync(User.GetUserId(), cancellationToken);
        return View(new MyCoursesViewModel(courses.Courses, courses.ViewerTimeZone, courses.NowUtc));
    }

    /// <summary>The mentor's candidates, a page at a time (a mentor of a large provider can have hundreds).</summary>
    [Authorize(Roles = Roles.Mentor)]
    [HttpGet("/my/mentees")]
    public async Task<IActionResult> Mentees(int? page, int? size, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Size(size);
        var result = await mine.MenteesAsync(User.GetUserId(), Paging.Number(page), pageSize, cancellationToken);
        return View("People", new PeopleViewModel("My candidates", "The candidates you mentor.", result.Rows,
            new PageLinks("/my/mentees", [], result.Page, pageSize, result.Total, "your candidates")));
    }

    /// <summary>The enrolments of the headteacher's school's staff, a page at a time.</summary>
    [Authorize(Roles = Roles.Headteacher)]
    [HttpGet("/my/staff")]
    public async Task<IActionResult> Staff(int? page, int? size, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Size(size);
        var result = await mine.StaffAsync(User.GetUserId(), Paging.Number(page), pageSize, cancellationToken);
        return View("People", new PeopleViewModel("My staff on NPQs", "Staff at your school and how their courses stand. You can read this; only the provider changes it.",
            result.Rows, new PageLinks("/my/staff", [], result.Page, pageSize, result.Total, "your staff's enrolments")));
    }
}

public sealed record MyCoursesViewModel(IReadOnlyList<CandidateCourse> Courses, string? ViewerTimeZone, DateTime NowUtc);

public sealed record PeopleViewModel(string Title, string Lead, IReadOnlyList<EnrolmentView> People, PageLinks Pager);
