namespace Npq.Core.Materials;

/// <summary>Where courses' programmes and their release to cohorts are kept (implemented in Npq.Data).</summary>
public partial interface IProgrammeRepository
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

    /// <summary>Adds a module at the end of the course's programme; returns its id.</summary>
    Task<int> CreateModuleAsync(MaterialModule module, CancellationToken cancellationToken = default);

    /// <summary>Saves a module's title, summary and rule when nobody changed it since <paramref name="expectedVersion"/>.</summary>
    Task<bool> UpdateModuleAsync(MaterialModule module, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a module that holds no items; false when it holds some or is gone.</summary>
    Task<bool> DeleteEmptyModuleAsync(int moduleId, CancellationToken cancellationToken = default);

    /// <summary>Moves a module to a place (0-based) in its course's order, renumbering the others.</summary>
    Task MoveModuleAsync(int moduleId, int newIndex, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Adds an item at the end of its module, with its statements; returns its id.</summary>
    Task<int> CreateItemAsync(MaterialItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an item (fields, state and statements) when nobody changed it since <paramref name="expectedVersion"/>;
    /// progress on it is kept. False when someone did.
    /// </summary>
    Task<bool> UpdateItemAsync(MaterialItem item, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Moves an item to a place (0-based) in a module of the same course, renumbering the others.</summary>
    Task MoveItemAsync(int itemId, int toModuleId, int newIndex, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Whether any candidate has progress on the item.</summary>
    Task<bool> HasProgressAsync(int itemId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an item nobody has progress on, with its statements; false when someone has.</summary>
    Task<bool> DeleteItemAsync(int itemId, CancellationToken cancellationToken = default);

    Task<int> AddAssetAsync(MaterialAsset asset, CancellationToken cancellationToken = default);

    Task<MaterialAsset?> GetAssetAsync(int assetId, CancellationToken cancellationToken = default);

    /// <summary>One page of the people with editing rights on a course, by name then id, and how many there are in all.</summary>
    Task<(IReadOnlyList<(int UserId, string DisplayName)> Editors, int Total)> GetEditorsPageAsync(int courseId, int skip, int take, CancellationToken cancellationToken = default);

    Task SetEditorAsync(int courseId, int userId, bool isEditor, CancellationToken cancellationToken = default);
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

    /// <summary>The cohorts the person studies as a candidate who has not withdrawn, by name.</summary>
    Task<IReadOnlyList<MaterialsCohort>> GetStudyCohortsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>A cohort, its release rows and the candidate's progress on its course's items, in one round trip; null when there is no such cohort.</summary>
    Task<CohortStudy?> GetCohortStudyAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A video report in one turn of the writer: reads the item of the cohort's course with the candidate's progress on
    /// it, when the candidate studies the cohort and has not withdrawn (null otherwise: nothing is read or saved), gives
    /// it to <paramref name="next"/>, and saves what that returns (nothing when it returns null) in one statement, an
    /// upsert: completion, once reached, is kept, and so is the first time it was reached. The read and the save are one
    /// transaction, so two reports at once (two tabs) never lose each other's seconds.
    /// </summary>
    Task<StudyTarget?> SaveVideoProgressAsync(int candidateUserId, int cohortId, int itemId, Func<StudyTarget, VideoProgress?> next, CancellationToken cancellationToken = default);

    /// <summary>Marks an item complete (idempotent: the first completion time is kept).</summary>
    Task MarkCompleteAsync(int candidateUserId, int itemId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Links the evidence a reflection became and marks the item complete (the first completion time is kept).</summary>
    Task SetReflectionEvidenceAsync(int candidateUserId, int itemId, int evidenceId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an attempt and, with it, counts it on the item's progress: the best score kept, complete once passed.
    /// Returns the attempt's id.
    /// </summary>
    Task<int> AddAttemptAsync(KnowledgeCheckAttempt attempt, bool passed, CancellationToken cancellationToken = default);

    /// <summary>The candidate's latest attempt at a knowledge check, or null.</summary>
    Task<KnowledgeCheckAttempt?> GetLatestAttemptAsync(int candidateUserId, int itemId, CancellationToken cancellationToken = default);
}

/// <summary>What studying a cohort reads at once: the cohort, its release rows, and the candidate's progress by item id.</summary>
public sealed record CohortStudy(MaterialsCohort Cohort, IReadOnlyDictionary<int, ModuleRelease> Releases, IReadOnlyDictionary<int, ItemProgress> Progress);

/// <summary>An item of a cohort's course as a progress report needs it, with the candidate's progress (null when not started).</summary>
public sealed record StudyTarget(int ItemId, int ModuleId, ItemKind Kind, ItemState State, ItemProgress? Progress);

/// <summary>A video's progress to save.</summary>
public sealed record VideoProgress(int CandidateUserId, int ItemId, double PositionSeconds, double DurationSeconds, string WatchedMap, bool IsComplete, DateTime NowUtc);
