namespace Npq.Core.Materials;

/// <summary>Where courses' programmes and their release to cohorts are kept (implemented in Npq.Data).</summary>
public interface IProgrammeRepository
{
    /// <summary>The course's whole programme (drafts included), modules and items in order, with each item's statements.</summary>
    Task<Programme> GetProgrammeAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>An item with its statements, or null.</summary>
    Task<MaterialItem?> GetItemAsync(int itemId, CancellationToken cancellationToken = default);

    Task<MaterialModule?> GetModuleAsync(int moduleId, CancellationToken cancellationToken = default);

    /// <summary>A cohort's release rows, by module id.</summary>
    Task<IReadOnlyDictionary<int, ModuleRelease>> GetReleasesAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>A cohort with its course, provider and zone, or null.</summary>
    Task<MaterialsCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>A course with its provider and framework, or null.</summary>
    Task<MaterialsCourse?> GetCourseAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>The person is a provider admin of the course's provider.</summary>
    Task<bool> IsProviderAdminOfCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default);

    /// <summary>The person has been given editing rights on the course's programme.</summary>
    Task<bool> IsEditorAsync(int courseId, int userId, CancellationToken cancellationToken = default);

    /// <summary>The person is a candidate on the cohort who has not withdrawn.</summary>
    Task<bool> IsStudyingAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    /// <summary>The person is a named facilitator of the cohort or mentors someone on it.</summary>
    Task<bool> IsFacilitatorAsync(int cohortId, int userId, CancellationToken cancellationToken = default);
}

/// <summary>A cohort as materials see it: its course, provider and zone.</summary>
public sealed record MaterialsCohort(int CohortId, string CohortName, string TimeZone, int CourseId, string CourseName, int ProviderId, string? FrameworkCode);

/// <summary>A course as materials see it.</summary>
public sealed record MaterialsCourse(int CourseId, string CourseName, int ProviderId, string? FrameworkCode);

/// <summary>Where candidates' progress through materials is kept (implemented in Npq.Data).</summary>
public interface IStudyRepository
{
    /// <summary>The candidate's progress on the items of a course, by item id.</summary>
    Task<IReadOnlyDictionary<int, ItemProgress>> GetProgressAsync(int candidateUserId, int courseId, CancellationToken cancellationToken = default);

    /// <summary>The candidate's progress on one item, or null when they have not started it.</summary>
    Task<ItemProgress?> GetItemProgressAsync(int candidateUserId, int itemId, CancellationToken cancellationToken = default);
}
