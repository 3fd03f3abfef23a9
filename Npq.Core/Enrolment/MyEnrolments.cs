using Npq.Core.Accounts;
using Npq.Core.Frameworks;

namespace Npq.Core.Enrolment;

/// <summary>One of a candidate's courses: the enrolment, its cohort's extras, and whether its framework has content to read.</summary>
public sealed record CandidateCourse(EnrolmentView Enrolment, CohortExtras Extras, bool FrameworkHasContent);

/// <summary>A candidate's courses, with the zone they read times in and the instant the page was made.</summary>
public sealed record CandidateCourses(IReadOnlyList<CandidateCourse> Courses, string? ViewerTimeZone, DateTime NowUtc);

/// <summary>One page of a list of enrolments: its rows, which page it is, and how many the whole list has.</summary>
public sealed record EnrolmentPage(IReadOnlyList<EnrolmentView> Rows, int Page, int Total);

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

    /// <summary>One page of a mentor's candidates (page 1 when the page asked for is past the end).</summary>
    public Task<EnrolmentPage> MenteesAsync(int mentorUserId, int page, int size, CancellationToken cancellationToken = default) =>
        PageAsync((skip, take) => enrolments.GetPageForMentorAsync(mentorUserId, skip, take, cancellationToken), page, size);

    /// <summary>One page of the enrolments of the headteacher's school's staff (page 1 when the page asked for is past the end).</summary>
    public Task<EnrolmentPage> StaffAsync(int headteacherUserId, int page, int size, CancellationToken cancellationToken = default) =>
        PageAsync((skip, take) => enrolments.GetPageForHeadteacherAsync(headteacherUserId, skip, take, cancellationToken), page, size);

    private static async Task<EnrolmentPage> PageAsync(Func<int, int, Task<(int Total, IReadOnlyList<EnrolmentView> Rows)>> read, int page, int size)
    {
        page = Math.Max(1, page);
        var (total, rows) = await read((int)Math.Min(int.MaxValue, ((long)page - 1) * size), size);
        if (rows.Count == 0 && page > 1)
        {
            page = 1;
            (total, rows) = await read(0, size);
        }

        return new EnrolmentPage(rows, page, total);
    }
}
