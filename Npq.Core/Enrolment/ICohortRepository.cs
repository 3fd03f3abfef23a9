using System.Data.Common;
using Npq.Core.Time;

namespace Npq.Core.Enrolment;

/// <summary>Where Cohort data is kept (implemented in Npq.Data).</summary>
public interface ICohortRepository
{
    Task<IReadOnlyList<Course>> GetCoursesAsync(int providerId, CancellationToken cancellationToken = default);

    Task<Course?> GetCourseAsync(int providerId, int courseId, CancellationToken cancellationToken = default);

    /// <summary>True when the provider already runs another course with this DfE identifier.</summary>
    Task<bool> CourseIdentifierTakenAsync(int providerId, string identifier, int exceptCourseId, CancellationToken cancellationToken = default);

    Task<int> CreateCourseAsync(Course course, CancellationToken cancellationToken = default);

    Task<bool> UpdateCourseAsync(Course course, CancellationToken cancellationToken = default);

    /// <summary>The provider's cohorts with places taken, waiting and pending, soonest first.</summary>
    Task<IReadOnlyList<CohortSummary>> GetSummariesAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cohort and the cohorts of its course that start later, soonest first (as <see cref="GetSummariesAsync"/>): at
    /// most <paramref name="take"/>, the cohort itself first. Places and waiting counts are read for those rows only.
    /// </summary>
    Task<IReadOnlyList<CohortSummary>> GetResumeTargetsAsync(int cohortId, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// The provider's cohorts to choose from, soonest first, without counting anyone in them: the chosen one (whatever
    /// its age) and the newest of the rest, <paramref name="limit"/> in all, and whether there are more.
    /// </summary>
    Task<CohortChoices> GetChoicesAsync(int providerId, int? chosenCohortId, int limit, CancellationToken cancellationToken = default);

    /// <summary>One page of the provider's cohorts, soonest first (as <see cref="GetSummariesAsync"/>), and how many it has.</summary>
    Task<(int Total, IReadOnlyList<CohortSummary> Rows)> GetSummariesPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of every provider's cohorts open for applications that have not ended, soonest first, narrowed by
    /// <paramref name="filter"/>, and how many there are. A cohort has ended once its end date is over in its own zone
    /// (at the same instant that may be tomorrow in Auckland and still yesterday in Los Angeles). Places and waiting
    /// counts are read for the page's cohorts only.
    /// </summary>
    Task<(int Total, IReadOnlyList<CohortSummary> Rows)> GetOpenPageAsync(OpenCohortFilter filter, DateTime nowUtc, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The courses (DfE identifier and name) that have a cohort open for applications, by name: the list's filter.</summary>
    Task<IReadOnlyList<(string Identifier, string Name)>> GetOpenCoursesAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<CohortSummary?> GetSummaryAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>True when the course already has another cohort of this name.</summary>
    Task<bool> CohortNameTakenAsync(int courseId, string name, int exceptCohortId, CancellationToken cancellationToken = default);

    /// <summary>Creates a cohort with its facilitators, venues and face-to-face events in one transaction.</summary>
    Task<int> CreateCohortAsync(Cohort cohort, CohortExtras extras, CancellationToken cancellationToken = default);

    /// <summary>Saves a cohort and replaces its extras; false when someone else saved it since it was read.</summary>
    Task<bool> UpdateCohortAsync(Cohort cohort, CohortExtras extras, CancellationToken cancellationToken = default);

    Task<CohortExtras> GetExtrasAsync(int cohortId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CohortPerson>> GetDeliveryPartnersAsync(int providerId, CancellationToken cancellationToken = default);
}
