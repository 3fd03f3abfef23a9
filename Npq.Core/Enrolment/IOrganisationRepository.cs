namespace Npq.Core.Enrolment;

/// <summary>Where organisation data is kept (implemented in Npq.Data).</summary>
public interface IOrganisationRepository
{
    /// <summary>The provider's id, creating it when no provider has that name.</summary>
    Task<int> EnsureProviderAsync(string name, DateTime nowUtc);

    Task<int> EnsureDeliveryPartnerAsync(int providerId, string name);

    Task<int> EnsureSchoolAsync(string name, string country, string timeZone, string? urn = null);

    Task<int> EnsureCourseAsync(Course course);

    Task<int> EnsureCohortAsync(Cohort cohort);

    /// <summary>The provider's courses, by name.</summary>
    Task<IReadOnlyList<Course>> GetCoursesAsync(int providerId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Cohort>> GetCohortsAsync();

    /// <summary>
    /// The cohorts of one course of the provider, in <see cref="GetCohortsAsync"/>'s order (start date, then name);
    /// none when the course is not that provider's.
    /// </summary>
    Task<IReadOnlyList<Cohort>> GetCohortsOfCourseAsync(int providerId, int courseId, CancellationToken cancellationToken = default);
}
