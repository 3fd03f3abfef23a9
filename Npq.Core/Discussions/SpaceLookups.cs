namespace Npq.Core.Discussions;

/// <summary>
/// The lookups that differ between a cohort's space and a course-wide one, chosen by where the topic lives (a cohort, or
/// with <c>courseSpaceId</c> a course): so every use case asks one question whichever space it is in.
/// </summary>
public static class SpaceLookups
{
    /// <summary>The person's standing in the space the topic, thread or post is in (a course-wide space's only while it is on).</summary>
    public static Task<Standing> StandingInAsync(this IDiscussionRepository discussions, int cohortId, int? courseSpaceId, int userId, CancellationToken cancellationToken = default) =>
        courseSpaceId is { } course ? discussions.GetCourseStandingAsync(course, userId, cancellationToken) : discussions.GetStandingAsync(cohortId, userId, cancellationToken);

    /// <summary>Who can read the space (a study group's: its members, facilitators and admins).</summary>
    public static Task<IReadOnlyList<SpaceReader>> ReadersOfAsync(this IDiscussionRepository discussions, int cohortId, int? courseSpaceId, int? studyGroupId, CancellationToken cancellationToken = default) =>
        courseSpaceId is { } course ? discussions.GetCourseReadersAsync(course, cancellationToken) : discussions.GetReadersAsync(cohortId, studyGroupId, cancellationToken);

    /// <summary>The space's topics with the person's unread counts.</summary>
    public static Task<IReadOnlyList<TopicLine>> TopicsOfAsync(this IDiscussionRepository discussions, int cohortId, int? courseSpaceId, int userId, CancellationToken cancellationToken = default) =>
        courseSpaceId is { } course ? discussions.GetCourseTopicsAsync(course, userId, cancellationToken) : discussions.GetTopicsAsync(cohortId, userId, cancellationToken);

    /// <summary>The course whose course-wide space this is; null for a cohort's.</summary>
    public static int? CourseSpaceId(this SpaceCohort space) => space.IsCourseSpace ? space.CourseId : null;

    /// <summary>The space itself (for its name, zone and framework): the cohort's, or the course-wide space while on.</summary>
    public static Task<SpaceCohort?> SpaceOfAsync(this IDiscussionRepository discussions, int cohortId, int? courseSpaceId, CancellationToken cancellationToken = default) =>
        courseSpaceId is { } course ? discussions.GetCourseSpaceAsync(course, cancellationToken) : discussions.GetCohortAsync(cohortId, cancellationToken);
}
