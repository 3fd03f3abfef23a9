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

    Task<IReadOnlyList<Course>> GetCoursesAsync();

    Task<IReadOnlyList<Cohort>> GetCohortsAsync();
}
