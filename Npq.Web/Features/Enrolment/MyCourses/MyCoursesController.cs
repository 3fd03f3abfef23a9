using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
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

    [Authorize(Roles = Roles.Mentor)]
    [HttpGet("/my/mentees")]
    public async Task<IActionResult> Mentees(CancellationToken cancellationToken) =>
        View("People", new PeopleViewModel("My candidates", "The candidates you mentor.", await mine.MenteesAsync(User.GetUserId(), cancellationToken)));

    [Authorize(Roles = Roles.Headteacher)]
    [HttpGet("/my/staff")]
    public async Task<IActionResult> Staff(CancellationToken cancellationToken) =>
        View("People", new PeopleViewModel("My staff on NPQs", "Staff at your school and how their courses stand. You can read this; only the provider changes it.",
            await mine.StaffAsync(User.GetUserId(), cancellationToken)));
}

public sealed record MyCoursesViewModel(IReadOnlyList<CandidateCourse> Courses, string? ViewerTimeZone, DateTime NowUtc);

public sealed record PeopleViewModel(string Title, string Lead, IReadOnlyList<EnrolmentView> People);
