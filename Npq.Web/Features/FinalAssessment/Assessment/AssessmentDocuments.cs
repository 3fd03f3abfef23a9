using Npq.Core.FinalAssessment;
using Npq.Web.Documents;

namespace Npq.Web.Features.FinalAssessment.Assessment;

/// <summary>Fills the record and certificate models of the PDF documents from a script and what Core reads for it. Callers authorise first.</summary>
public sealed class AssessmentDocuments(AssessmentRecords records, TimeProvider time)
{
    /// <param name="row">The script.</param>
    /// <param name="hideCandidateName">True for an assessor under blind marking: the reference stands in for the name.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<FinalAssessmentRecordModel?> RecordAsync(ScriptDetails row, bool hideCandidateName, CancellationToken cancellationToken = default)
    {
        // One batch on one connection: cohort, task, submission, dates, criteria, judgements, releaser, evidence.
        var sources = await records.GetRecordSourcesAsync(row, withEvidence: !hideCandidateName, cancellationToken);
        if (sources is null)
        {
            return null;
        }

        var (cohort, submission, criteria, judgements) = (sources.Cohort, sources.Submission, sources.Criteria, sources.Judgements);
        var dates = sources.FinalTaskDates.FirstOrDefault(d => d.TaskId == row.TaskId);
        var released = row.State == MarkingState.Released;
        return new FinalAssessmentRecordModel
        {
            CandidateName = hideCandidateName ? $"Script {row.Reference}" : row.CandidateName,
            CandidateReference = row.Reference,
            CourseName = cohort.CourseName,
            CourseCode = cohort.CourseCode,
            CohortName = cohort.Name,
            ProviderName = cohort.ProviderName,
            TaskTitle = sources.TaskTitle,
            WindowOpens = dates?.OpensOn ?? default,
            WindowCloses = dates?.CutOffOn ?? default,
            CohortTimeZone = cohort.TimeZone,
            SubmittedUtc = submission.SubmittedUtc,
            Attempt = submission.Attempt,
            WordCount = submission.WordCount,
            WordLimit = sources.WordLimit,
            Outcome = OutcomeText(row),
            CompletionDate = released ? row.CompletionDate : null,
            SubmissionMarkdown = submission.Body,
            Evidence = sources.Evidence is not { } evidence ? [] : evidence.Select(e => new EvidenceIndexEntry(e.Title, e.Date, e.StatementIds)).ToList(),
            Criteria = criteria.Select(c =>
            {
                var first = judgements.FirstOrDefault(j => j.CriterionId == c.Id && j.Role == JudgementRole.Assessor);
                var second = judgements.FirstOrDefault(j => j.CriterionId == c.Id && j.Role == JudgementRole.Moderator);
                return new CriterionJudgement(c.Title, c.StatementIds, first?.Met == true, first?.Met is null ? "Not yet judged." : first.Comment, second?.Met, second?.Comment);
            }).ToList(),
            Marking = row.AssessorOutcome is { } proposed && row.MarkedUtc is { } marked
                ? new MarkingSummary(row.AssessorName ?? "Assessor", proposed.ToString(), marked, row.AssessorComment)
                : null,
            Moderation = row.ModeratorOutcome is { } moderated && row.ModeratedUtc is { } at
                ? new MarkingSummary(row.ModeratorName ?? "Moderator", moderated.ToString(), at,
                    (FinalDecision.Disagree(row.AssessorOutcome, moderated) ? "The moderator's decision stands. " : string.Empty) + row.ModeratorComment)
                : null,
            ReleasedUtc = row.ReleasedUtc,
            ReleasedBy = sources.ReleasedByName,
            GeneratedUtc = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The certificate of a passed, released script; null otherwise.</summary>
    public async Task<CertificateModel?> CertificateAsync(ScriptDetails row, CancellationToken cancellationToken = default)
    {
        var cohort = await records.GetCohortAsync(row.CohortId, cancellationToken);
        if (cohort is null || row.State != MarkingState.Released || row.FinalOutcome != MarkingOutcome.Pass || row.CompletionDate is not { } completed)
        {
            return null;
        }

        return new CertificateModel
        {
            CandidateName = row.CandidateName,
            CourseName = cohort.CourseName,
            CourseCode = cohort.CourseCode,
            ProviderName = cohort.ProviderName,
            CompletionDate = completed,
            CertificateNumber = $"{cohort.CourseCode}-{cohort.StartYear}{cohort.Suffix}-{row.Reference}",
            CreditNote = cohort.CourseIdentifier == "npq-senior-leadership"
                ? "This qualification carries 30 Master's credits through our university partners."
                : null,
            GeneratedUtc = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The record as this viewer reads it: under blind marking an assessor who is not an admin sees the reference, not the name.</summary>
    public async Task<FinalAssessmentRecordModel?> RecordForViewerAsync(ScriptDetails row, bool viewerIsAdminOrCandidate, CancellationToken cancellationToken = default) =>
        await RecordAsync(row, await records.IsBlindForAsync(row, viewerIsAdminOrCandidate, cancellationToken), cancellationToken);

    public static string OutcomeText(ScriptDetails row) => row.State == MarkingState.Released
        ? row.FinalOutcome == MarkingOutcome.Pass ? "Passed" : "Failed"
        : $"Not yet released ({StateText(row.State)})";

    public static string StateText(MarkingState state) => state switch
    {
        MarkingState.NotMarked => "not marked",
        MarkingState.InMarking => "in marking",
        MarkingState.ReadyForModeration => "ready for moderation",
        MarkingState.Moderated => "moderated",
        MarkingState.ReadyForRelease => "ready for release",
        MarkingState.Released => "released",
        _ => state.ToString(),
    };
}
