using Npq.Core.Accounts;
using Npq.Core.Frameworks;

namespace Npq.Core.Enrolment;

/// <summary>One of a candidate's courses: the enrolment, its cohort's extras, and whether its framework has content to read.</summary>
public sealed record CandidateCourse(EnrolmentView Enrolment, CohortExtras Extras, bool FrameworkHasContent);

/// <summary>A candidate's courses, with the zone they read times in and the instant the page was made.</summary>
public sealed record CandidateCourses(IReadOnlyList<CandidateCourse> Courses, string? ViewerTimeZone, DateTime NowUtc);

/// <summary>
/// A person's own courses; a mentor's candidates; a headteacher's staff. Each list is scoped to the person in the
/// query itself, so nobody sees anyone else's.
/// </summary>
public sealed class MyEnrolments(
    IEnrolmentLifecycleRepository enrolments,
    ICohortRepository cohorts,
    IUserRepository users,
    IFrameworkCatalog frameworks,
    TimeProvider time)
{
    public async Task<CandidateCourses> CoursesAsync(int userId, CancellationToken cancellationToken = default)
    {
        var viewer = await users.FindByIdAsync(userId, cancellationToken);
        var courses = new List<CandidateCourse>();
        foreach (var e in await enrolments.GetForCandidateAsync(userId, cancellationToken))
        {
            var extras = await cohorts.GetExtrasAsync(e.Enrolment.CohortId, cancellationToken);
            courses.Add(new CandidateCourse(e, extras, e.FrameworkCode is { } code && frameworks.Find(code) is not null));
        }

        return new CandidateCourses(courses, viewer?.TimeZone, time.GetUtcNow().UtcDateTime);
    }

    public Task<IReadOnlyList<EnrolmentView>> MenteesAsync(int mentorUserId, CancellationToken cancellationToken = default) =>
        enrolments.GetForMentorAsync(mentorUserId, cancellationToken);

    public Task<IReadOnlyList<EnrolmentView>> StaffAsync(int headteacherUserId, CancellationToken cancellationToken = default) =>
        enrolments.GetForHeadteacherAsync(headteacherUserId, cancellationToken);
}
