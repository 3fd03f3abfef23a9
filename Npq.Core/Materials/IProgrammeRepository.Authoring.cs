namespace Npq.Core.Materials;

/// <summary>What authoring a programme needs beyond the foundation's reads and writes.</summary>
public partial interface IProgrammeRepository
{
    /// <summary>The person is a candidate, not withdrawn, on some cohort of the course.</summary>
    Task<bool> IsStudyingCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default);
}
