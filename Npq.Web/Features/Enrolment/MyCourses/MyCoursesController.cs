using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.MyCourses;

/// <summary>
/// A person's own courses; a mentor's candidates; a headteacher's staff. Each list is scoped to the signed-in user in
/// the query itself, so nobody sees anyone else's.
/// </summary>
public sealed class MyCoursesController(
    IEnrolmentLifecycleRepository enrolments,
    ICohortRepository cohorts,
    IUserRepository users,
    IFrameworkCatalog frameworks,
    TimeProvider time) : Controller
{
    [HttpGet("/my/courses")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var viewer = await users.FindByIdAsync(userId, cancellationToken);
        var mine = await enrolments.GetForCandidateAsync(userId, cancellationToken);
        var courses = new List<MyCourse>();
        foreach (var e in mine)
        {
            var extras = await cohorts.GetExtrasAsync(e.Enrolment.CohortId, cancellationToken);
            courses.Add(new MyCourse(e, extras, e.FrameworkCode is { } code && frameworks.Find(code) is not null));
        }

        return View(new MyCoursesViewModel(courses, viewer?.TimeZone, time.GetUtcNow().UtcDateTime));
    }

    [Authorize(Roles = Roles.Mentor)]
    [HttpGet("/my/mentees")]
    public async Task<IActionResult> Mentees(CancellationToken cancellationToken) =>
        View("People", new PeopleViewModel("My candidates", "The candidates you mentor.", await enrolments.GetForMentorAsync(User.GetUserId(), cancellationToken)));

    [Authorize(Roles = Roles.Headteacher)]
    [HttpGet("/my/staff")]
    public async Task<IActionResult> Staff(CancellationToken cancellationToken) =>
        View("People", new PeopleViewModel("My staff on NPQs", "Staff at your school and how their courses stand. You can read this; only the provider changes it.",
            await enrolments.GetForHeadteacherAsync(User.GetUserId(), cancellationToken)));
}

public sealed record MyCourse(Npq.Core.Enrolment.EnrolmentView Enrolment, CohortExtras Extras, bool FrameworkHasContent);

public sealed record MyCoursesViewModel(IReadOnlyList<MyCourse> Courses, string? ViewerTimeZone, DateTime NowUtc);

public sealed record PeopleViewModel(string Title, string Lead, IReadOnlyList<Npq.Core.Enrolment.EnrolmentView> People);
