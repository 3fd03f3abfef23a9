namespace Npq.Core.Materials;

/// <summary>
/// Set-based reads of candidates' progress through materials, for the people who follow them and for the pages that
/// link statements to materials (implemented in Npq.Data). Every method is one query, whatever the number of rows.
/// </summary>
public interface IMaterialsProgressQueries
{
    /// <summary>Each enrolment's progress through its course's published materials, by enrolment id (unknown ids are left out).</summary>
    Task<IReadOnlyDictionary<int, MaterialsSummary>> GetSummariesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default);

    /// <summary>The cohort's candidates who have not withdrawn, and how many of them completed each module with published items.</summary>
    Task<CohortCompletionCounts> GetModuleCompletionAsync(int cohortId, int courseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cohort's active candidates who have not completed one or more of <paramref name="dueModuleIds"/>: most
    /// overdue first, then by name; the page asked for and how many there are in all.
    /// </summary>
    Task<(int Total, IReadOnlyList<BehindRow> Rows)> GetBehindAsync(
        int cohortId, int courseId, IReadOnlyCollection<int> dueModuleIds, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The cohorts the person studies (enrolled, not withdrawn), with their courses.</summary>
    Task<IReadOnlyList<StudiedCohort>> GetStudiedCohortsAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The published items of the audience's courses that teach any of <paramref name="statementIds"/>, leaving out
    /// the modules in <paramref name="closedModuleIds"/> (those not open yet for the person who studies them).
    /// </summary>
    Task<IReadOnlyList<StatementMaterial>> GetStatementMaterialsAsync(
        MaterialsAudience audience, IReadOnlyCollection<string> statementIds, IReadOnlyCollection<int> closedModuleIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The published items of the audience's courses whose title or body contains <paramref name="text"/> (any case),
    /// title matches first, then in programme order; leaving out <paramref name="closedModuleIds"/>.
    /// </summary>
    Task<(int Total, IReadOnlyList<MaterialLink> Rows)> SearchAsync(
        MaterialsAudience audience, string text, IReadOnlyCollection<int> closedModuleIds, int skip, int take, CancellationToken cancellationToken = default);
}

/// <summary>
/// Progress written as given, outside the study pages: demo data and tests (implemented in Npq.Data). Studying
/// writes go through the study use cases.
/// </summary>
public interface IMaterialsProgressImport
{
    /// <summary>Inserts or replaces each candidate's progress row on an item.</summary>
    Task PutProgressAsync(IReadOnlyList<ItemProgress> rows, CancellationToken cancellationToken = default);

    /// <summary>Adds a knowledge-check attempt; returns its id.</summary>
    Task<int> AddAttemptAsync(KnowledgeCheckAttempt attempt, CancellationToken cancellationToken = default);
}
