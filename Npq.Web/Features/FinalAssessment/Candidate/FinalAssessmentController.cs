using Npq.Core.Enrolment;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Data.FinalAssessment;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;
using Npq.Data.Webinars;
using Npq.Web.Documents;
using Npq.Web.Features.FinalAssessment.Assessment;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Exports;

namespace Npq.Web.Features.FinalAssessment.Candidate;

/// <summary>
/// The candidate's final assessment: whether they may sit it (and why not), and after release their outcome, the
/// record and the certificate. The record and certificate downloads also serve assessors and admins; every request
/// is checked by <see cref="ScriptAccessHandler"/>.
/// </summary>
[Route("final-assessment")]
public sealed class FinalAssessmentController(
    IMarkingRepository marking,
    ITaskRepository tasks,
    IEnrolmentRepository enrolments,
    FinalAssessmentService service,
    AssessmentDocuments documents,
    IUserTimeZones zones,
    IAuthorizationService authorization,
    TimeProvider time,
    ILogger<FinalAssessmentController> logger) : Controller
{
    [Authorize(Roles = Roles.Candidate)]
    [HttpGet("")]
    public async Task<IActionResult> Index(bool saved, CancellationToken cancellationToken)
    {
        ViewData["Saved"] = saved;
        return View(await PageAsync(User.GetUserId(), null, cancellationToken));
    }

    /// <summary>
    /// Saves or submits the candidate's answer to a final task: only their own, on a cohort they are enrolled on, past
    /// the attendance gate, inside the window, within the word limit. Refusals come back next to the answer, with
    /// the text kept.
    /// </summary>
    [Authorize(Roles = Roles.Candidate)]
    [HttpPost("{taskId:int}/cohorts/{cohortId:int}")]
    public async Task<IActionResult> Answer(int taskId, int cohortId, AnswerForm form, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken);
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        var dates = (await marking.GetFinalTaskDatesAsync(cohortId, cancellationToken)).FirstOrDefault(d => d.TaskId == taskId);
        if (cohort is null || task is null || dates is null || task.Kind != TaskKind.Final
            || !(await enrolments.GetForCandidateAsync(me, cancellationToken)).Any(e => e.CohortId == cohortId))
        {
            return NotFound();
        }

        form.TaskId = taskId;
        form.CohortId = cohortId;
        var body = form.Body ?? string.Empty;
        var submit = form.Command == "submit";
        var eligibility = await service.CheckEligibilityAsync(me, cohort.CourseId, cohortId, cancellationToken);
        if (!eligibility.Eligible)
        {
            ModelState.AddModelError(nameof(AnswerForm.Body), eligibility.Reason);
            return View(nameof(Index), await PageAsync(me, form, cancellationToken));
        }

        var attempt = await tasks.EnsureFirstAttemptAsync(taskId, me, cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var extension = await tasks.GetExtensionAsync(taskId, me, cancellationToken);
        var words = WordCount.Of(body);
        var decision = SubmissionWorkflow.Decide(attempt.State, submit ? SubmissionTrigger.Submit : SubmissionTrigger.SaveDraft, new SubmissionContext
        {
            NowUtc = time.GetUtcNow().UtcDateTime,
            CohortZone = cohort.TimeZone,
            Dates = dates,
            ExtensionDueOn = extension?.DueOn,
            Attempt = attempt.Attempt,
            MaxAttempts = task.MaxAttempts,
            WordLimit = task.WordLimit,
            WordCount = words,
        });
        if (!decision.Allowed)
        {
            ModelState.AddModelError(nameof(AnswerForm.Body), decision.Refusal ?? "Your answer could not be saved.");
            return View(nameof(Index), await PageAsync(me, form, cancellationToken));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (outcome, _) = await tasks.SaveAttemptAsync(attempt with
        {
            State = decision.State,
            Body = body,
            WordCount = words,
            SubmittedUtc = submit ? now : null,
            SubmittedByUserId = submit ? me : null,
            UpdatedUtc = now,
        }, form.Version, cancellationToken);
        if (outcome != SaveOutcome.Saved)
        {
            ModelState.AddModelError(nameof(AnswerForm.Body), "Your answer was changed elsewhere (another tab?) since you opened this page. Your text is below: copy it, reload, and save again.");
            return View(nameof(Index), await PageAsync(me, form, cancellationToken));
        }

        if (submit)
        {
            await marking.EnsureScriptsAsync(cohortId, now, cancellationToken);
            await service.AuditAsync(me, "assessment.submit", 0, $"submission={attempt.Id};words={words}", cancellationToken);
            logger.LogInformation("Final assessment submission {SubmissionId} handed in by {UserId}", attempt.Id, me);
        }

        return RedirectToAction(nameof(Index), new { saved = true });
    }

    private async Task<CandidateFinalAssessmentPage> PageAsync(int me, AnswerForm? typed, CancellationToken cancellationToken)
    {
        var scripts = await marking.GetScriptsForCandidateAsync(me, cancellationToken);
        var items = new List<CandidateFinalAssessment>();
        foreach (var enrolment in await enrolments.GetForCandidateAsync(me, cancellationToken))
        {
            var cohort = await marking.GetCohortAsync(enrolment.CohortId, cancellationToken);
            if (cohort is null)
            {
                continue;
            }

            foreach (var dates in await marking.GetFinalTaskDatesAsync(cohort.Id, cancellationToken))
            {
                if (await tasks.GetTaskAsync(dates.TaskId, cancellationToken) is not { } task)
                {
                    continue;
                }

                var attempts = await tasks.GetAttemptsAsync(task.Id, me, cancellationToken);
                var released = new List<ReleasedResult>();
                foreach (var script in scripts.Where(s => s.TaskId == task.Id && s.CohortId == cohort.Id && MarkingWorkflow.IsVisibleToCandidate(s.State)))
                {
                    released.Add(new ReleasedResult(script, (await documents.RecordAsync(script, false, cancellationToken))!));
                }

                var latest = attempts.Count > 0 ? attempts[^1] : null;
                var extension = await tasks.GetExtensionAsync(task.Id, me, cancellationToken);
                var open = SubmissionWorkflow.IsOpen(new SubmissionContext { NowUtc = time.GetUtcNow().UtcDateTime, CohortZone = cohort.TimeZone, Dates = dates, ExtensionDueOn = extension?.DueOn });
                var mine = typed is not null && typed.TaskId == task.Id && typed.CohortId == cohort.Id;
                items.Add(new CandidateFinalAssessment
                {
                    IsOpen = open,
                    Answer = mine ? typed : latest is null || latest.State is SubmissionState.New or SubmissionState.Draft
                        ? new AnswerForm { TaskId = task.Id, CohortId = cohort.Id, Body = latest?.Body, Version = latest?.Version ?? 1 }
                        : null,
                    Cohort = cohort,
                    Task = task,
                    Dates = dates,
                    Eligibility = await service.CheckEligibilityAsync(me, cohort.CourseId, cohort.Id, cancellationToken),
                    Attempts = attempts,
                    Released = released,
                    AwaitingRelease = scripts.Any(s => s.TaskId == task.Id && s.CohortId == cohort.Id && !MarkingWorkflow.IsVisibleToCandidate(s.State)),
                });
            }
        }

        return new CandidateFinalAssessmentPage(items, (await zones.GetAsync(me, cancellationToken))?.TimeZone);
    }

    [HttpGet("scripts/{id:int}/record.pdf")]
    public async Task<IActionResult> Record(int id, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.ReadRecord)).Succeeded)
        {
            logger.LogWarning("Record of script {ScriptId} refused to user {UserId}", id, User.GetUserId());
            return Forbid();
        }

        var seesNames = User.IsInRole(Roles.ProviderAdmin) || row.CandidateUserId == User.GetUserId();
        var model = await documents.RecordAsync(row, await documents.IsBlindForAsync(row, seesNames, cancellationToken), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        await service.AuditAsync(User.GetUserId(), "assessment.record-download", id, null, cancellationToken);
        var document = new FinalAssessmentRecordDocument(model);
        return new PdfResult(document.ToPdf, document.FileName);
    }

    [HttpGet("scripts/{id:int}/certificate.pdf")]
    public async Task<IActionResult> Certificate(int id, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.ReadCertificate)).Succeeded)
        {
            logger.LogWarning("Certificate of script {ScriptId} refused to user {UserId}", id, User.GetUserId());
            return Forbid();
        }

        var model = await documents.CertificateAsync(row, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        await service.AuditAsync(User.GetUserId(), "assessment.certificate-download", id, null, cancellationToken);
        var document = new CertificateDocument(model);
        return new PdfResult(document.ToPdf, document.FileName);
    }
}

public sealed record ReleasedResult(MarkingScriptRow Script, FinalAssessmentRecordModel Record);

public sealed record CandidateFinalAssessment
{
    public required AssessmentCohort Cohort { get; init; }
    public required AssessmentTask Task { get; init; }
    public required TaskDates Dates { get; init; }
    public required EligibilityDecision Eligibility { get; init; }
    public IReadOnlyList<Submission> Attempts { get; init; } = [];
    public IReadOnlyList<ReleasedResult> Released { get; init; } = [];
    public bool AwaitingRelease { get; init; }
    public bool IsOpen { get; init; }

    /// <summary>The answer form (as saved, or as just typed), or null when there is no attempt to write.</summary>
    public AnswerForm? Answer { get; init; }
}

/// <summary>The candidate's answer as posted.</summary>
public sealed class AnswerForm
{
    public int TaskId { get; set; }
    public int CohortId { get; set; }
    public int Version { get; set; }
    public string? Body { get; set; }

    /// <summary>"save" or "submit".</summary>
    public string? Command { get; set; }
}

public sealed record CandidateFinalAssessmentPage(IReadOnlyList<CandidateFinalAssessment> Items, string? ViewerZone);
