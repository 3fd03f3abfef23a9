using Npq.Core.Assessment;
using Npq.Data.Accounts;
using Npq.Data.Assessment;
using Npq.Data.Tasks;
using Npq.Web.Documents;

namespace Npq.Web.Features.Assessment;

/// <summary>Fills the record and certificate read models from stored data. Callers authorise first.</summary>
public sealed class AssessmentDocuments(MarkingRepository marking, TaskRepository tasks, UserRepository users, FinalAssessmentService service, TimeProvider time)
{
    /// <param name="row">The script.</param>
    /// <param name="hideCandidateName">True for an assessor under blind marking: the reference stands in for the name.</param>
    public async Task<FinalAssessmentRecordModel?> RecordAsync(MarkingScriptRow row, bool hideCandidateName, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(row.CohortId, cancellationToken);
        var task = await tasks.GetTaskAsync(row.TaskId, cancellationToken);
        var submission = await tasks.GetSubmissionAsync(row.SubmissionId, cancellationToken);
        if (cohort is null || task is null || submission is null)
        {
            return null;
        }

        var dates = (await marking.GetFinalTaskDatesAsync(row.CohortId, cancellationToken)).FirstOrDefault(d => d.TaskId == row.TaskId);
        var criteria = await marking.GetCriteriaAsync(cohort.CourseId, cancellationToken);
        var judgements = await marking.GetJudgementsAsync(row.Id, cancellationToken);
        var released = row.State == MarkingState.Released;
        var releasedBy = row.ReleasedByUserId is { } by ? (await users.FindByIdAsync(by, cancellationToken))?.DisplayName : null;
        return new FinalAssessmentRecordModel
        {
            CandidateName = hideCandidateName ? $"Script {row.Reference}" : row.CandidateName,
            CandidateReference = row.Reference,
            CourseName = cohort.CourseName,
            CourseCode = cohort.CourseCode,
            CohortName = cohort.Name,
            ProviderName = cohort.ProviderName,
            TaskTitle = task.Title,
            WindowOpens = dates?.OpensOn ?? default,
            WindowCloses = dates?.CutOffOn ?? default,
            CohortTimeZone = cohort.TimeZone,
            SubmittedUtc = submission.SubmittedUtc,
            Attempt = submission.Attempt,
            WordCount = submission.WordCount,
            WordLimit = task.WordLimit,
            Outcome = OutcomeText(row),
            CompletionDate = released ? row.CompletionDate : null,
            SubmissionMarkdown = submission.Body,
            Evidence = hideCandidateName ? [] : (await marking.GetEvidenceIndexAsync(row.CandidateUserId, cancellationToken))
                .Select(e => new EvidenceIndexEntry(e.Title, e.Date, e.StatementIds)).ToList(),
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
            ReleasedBy = releasedBy,
            GeneratedUtc = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The certificate of a passed, released script; null otherwise.</summary>
    public async Task<CertificateModel?> CertificateAsync(MarkingScriptRow row, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(row.CohortId, cancellationToken);
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

    /// <summary>True when the policy hides candidates' names from this viewer (an assessor who is not an admin).</summary>
    public async Task<bool> IsBlindForAsync(MarkingScriptRow row, bool viewerIsAdminOrCandidate, CancellationToken cancellationToken = default) =>
        !viewerIsAdminOrCandidate && (await service.GetPolicyAsync(row.CourseId, row.CohortId, cancellationToken)).BlindMarking;

    public static string OutcomeText(MarkingScriptRow row) => row.State == MarkingState.Released
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
