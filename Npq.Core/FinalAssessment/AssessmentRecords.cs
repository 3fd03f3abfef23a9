using Npq.Core.Auditing;

namespace Npq.Core.FinalAssessment;

/// <summary>
/// A script's final assessment record and certificate, and a cohort's archive of records: what they are made from,
/// who sees names, what goes in the archive and what it is called, and the audit of every download and export.
/// Callers authorise first.
/// </summary>
public sealed class AssessmentRecords(IMarkingRepository marking, AssessmentPolicies policies, IAuditLog audit, TimeProvider time)
{
    /// <summary>How long a finished archive is kept for its owner to download.</summary>
    public static readonly TimeSpan ArchiveKeptFor = TimeSpan.FromHours(1);

    /// <summary>What the record shows besides the script; <paramref name="withEvidence"/> false leaves out the evidence index (blind marking).</summary>
    public Task<RecordSources?> GetRecordSourcesAsync(ScriptDetails script, bool withEvidence, CancellationToken cancellationToken = default) =>
        marking.GetRecordSourcesAsync(script, withEvidence, cancellationToken);

    public Task<AssessmentCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default) => marking.GetCohortAsync(cohortId, cancellationToken);

    /// <summary>True when the policy hides the candidate's name from this viewer (an assessor who is neither an admin nor the candidate).</summary>
    public Task<bool> IsBlindForAsync(ScriptDetails script, bool viewerSeesNames, CancellationToken cancellationToken = default) =>
        policies.IsBlindForAsync(script, viewerSeesNames, cancellationToken);

    public Task RecordDownloadedAsync(int actorUserId, int scriptId, CancellationToken cancellationToken = default) =>
        audit.WriteScriptEntryAsync(time, actorUserId, "assessment.record-download", scriptId, null, cancellationToken);

    public Task CertificateDownloadedAsync(int actorUserId, int scriptId, CancellationToken cancellationToken = default) =>
        audit.WriteScriptEntryAsync(time, actorUserId, "assessment.certificate-download", scriptId, null, cancellationToken);

    /// <summary>The scripts whose records go in the cohort's archive: the released ones.</summary>
    public async Task<IReadOnlyList<ScriptDetails>> GetArchivedScriptsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        (await marking.GetScriptsForCohortAsync(cohortId, cancellationToken)).Where(s => s.State == MarkingState.Released).ToList();

    /// <summary>The archive's file name, from the course code and the cohort; null when there is no such cohort.</summary>
    public async Task<string?> ArchiveFileNameAsync(int cohortId, CancellationToken cancellationToken = default) =>
        await marking.GetCohortAsync(cohortId, cancellationToken) is { } cohort
            ? $"final-assessment-records-{cohort.CourseCode.ToLowerInvariant()}-{cohort.StartYear}{cohort.Suffix}-cohort-{cohortId}.zip"
            : null;

    /// <summary>The name of one record inside the archive: the script's reference before the document's own name.</summary>
    public static string ArchiveEntryName(ScriptDetails script, string documentFileName) => $"{script.Reference}-{documentFileName}";

    /// <summary>True when a finished archive has been kept long enough to be removed.</summary>
    public static bool ArchiveExpired(DateTime? finishedUtc, DateTime nowUtc) => finishedUtc is { } at && nowUtc - at > ArchiveKeptFor;

    /// <summary>Records that an admin started exporting a cohort's records.</summary>
    public Task ExportStartedAsync(int actorUserId, int cohortId, Guid jobId, CancellationToken cancellationToken = default) =>
        audit.WriteScriptEntryAsync(time, actorUserId, "assessment.export", 0, $"cohort={cohortId};job={jobId}", cancellationToken);
}
