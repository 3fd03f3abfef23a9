using Npq.Core.Frameworks;

namespace Npq.Core.Portfolio;

/// <summary>Where Evidence data is kept (implemented in Npq.Data).</summary>
public interface IEvidenceRepository
{
    /// <summary>Creates the item with its statements and a "created" log line; returns its id.</summary>
    Task<int> CreateAsync(EvidenceItem item, int actorUserId, CancellationToken cancellationToken = default);

    Task<EvidenceItem?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the candidate's items for a list, newest evidence date first: title, date, state and how many
    /// statements each is linked to (no reflections, no statement ids), and whether there are more after it. The
    /// page is read along the list's index and nothing counts the whole list, so a page costs the same however
    /// many items the candidate has.
    /// </summary>
    Task<(IReadOnlyList<EvidenceSummary> Items, bool More)> GetPageForCandidateAsync(int candidateUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The candidate's items, newest evidence date first, with their statements.</summary>
    Task<IReadOnlyList<EvidenceItem>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an edit when nobody changed the item since <paramref name="expectedVersion"/>: fields, statements and a
    /// log line, in one transaction. Returns the new version, or the outcome that stopped it.
    /// </summary>
    Task<(SaveOutcome Outcome, int Version)> UpdateAsync(EvidenceItem item, int expectedVersion, int actorUserId, string action, string? detail, CancellationToken cancellationToken = default);

    Task<int> AddFileAsync(EvidenceFile file, CancellationToken cancellationToken = default);

    /// <summary>The item's current files (removed ones stay in the table and the log).</summary>
    Task<IReadOnlyList<EvidenceFile>> GetFilesAsync(int evidenceId, CancellationToken cancellationToken = default);

    Task<EvidenceFile?> GetFileAsync(int fileId, CancellationToken cancellationToken = default);

    Task RemoveFileAsync(EvidenceFile file, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The item's history, oldest first, with who did each thing.</summary>
    Task<IReadOnlyList<EvidenceLogEntry>> GetLogAsync(int evidenceId, CancellationToken cancellationToken = default);

    /// <summary>How many recorded (not draft) items show each statement, for the candidate's coverage.</summary>
    /// <summary>How many items the candidate has finished and how many are drafts.</summary>
    Task<(int Finished, int Drafts)> GetCountsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> GetStatementCountsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each of several candidates, how many of the framework's statements (ids in any case) their recorded (not
    /// draft) evidence shows, in one query; candidates showing none are left out.
    /// </summary>
    Task<IReadOnlyDictionary<int, int>> CountStatementsCoveredAsync(IReadOnlyCollection<int> candidateUserIds, Framework framework, CancellationToken cancellationToken = default);
}
