using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
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
    FinalAssessmentSitting sitting,
    FinalAssessmentQueries queries,
    AssessmentRecords records,
    AssessmentDocuments documents,
    IAuthorizationService authorization,
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
    /// Saves or submits the candidate's answer to a final task (<see cref="FinalAssessmentSitting.AnswerAsync"/>).
    /// Refusals come back next to the answer, with the text kept.
    /// </summary>
    [Authorize(Roles = Roles.Candidate)]
    [HttpPost("{taskId:int}/cohorts/{cohortId:int}")]
    public async Task<IActionResult> Answer(int taskId, int cohortId, AnswerForm form, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var result = await sitting.AnswerAsync(me, taskId, cohortId, form.Body ?? string.Empty, form.Command == "submit", form.Version, cancellationToken);
        if (result.Status == AnswerStatus.NotFound)
        {
            return NotFound();
        }

        form.TaskId = taskId;
        form.CohortId = cohortId;
        if (result.Status == AnswerStatus.Refused)
        {
            ModelState.AddModelError(nameof(AnswerForm.Body), result.Message ?? "Your answer could not be saved.");
            return View(nameof(Index), await PageAsync(me, form, cancellationToken));
        }

        return RedirectToAction(nameof(Index), new { saved = true });
    }

    private async Task<CandidateFinalAssessmentPage> PageAsync(int me, AnswerForm? typed, CancellationToken cancellationToken)
    {
        var items = new List<CandidateFinalAssessment>();
        foreach (var assessment in await sitting.GetAssessmentsAsync(me, cancellationToken))
        {
            var released = new List<ReleasedResult>();
            foreach (var script in assessment.Released)
            {
                released.Add(new ReleasedResult(script, (await documents.RecordAsync(script, false, cancellationToken))!));
            }

            var (task, cohort) = (assessment.Task, assessment.Cohort);
            var latest = assessment.Attempts.Count > 0 ? assessment.Attempts[^1] : null;
            var mine = typed is not null && typed.TaskId == task.Id && typed.CohortId == cohort.Id;
            items.Add(new CandidateFinalAssessment(assessment, released, mine ? typed : latest is null || latest.State is SubmissionState.New or SubmissionState.Draft
                ? new AnswerForm { TaskId = task.Id, CohortId = cohort.Id, Body = latest?.Body, Version = latest?.Version ?? 1 }
                : null));
        }

        return new CandidateFinalAssessmentPage(items, await queries.GetViewerZoneAsync(me, cancellationToken));
    }

    [HttpGet("scripts/{id:int}/record.pdf")]
    public async Task<IActionResult> Record(int id, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
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
        var model = await documents.RecordForViewerAsync(row, seesNames, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        await records.RecordDownloadedAsync(User.GetUserId(), id, cancellationToken);
        var document = new FinalAssessmentRecordDocument(model);
        return new PdfResult(document.ToPdf, document.FileName);
    }

    [HttpGet("scripts/{id:int}/certificate.pdf")]
    public async Task<IActionResult> Certificate(int id, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
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

        await records.CertificateDownloadedAsync(User.GetUserId(), id, cancellationToken);
        var document = new CertificateDocument(model);
        return new PdfResult(document.ToPdf, document.FileName);
    }
}

public sealed record ReleasedResult(ScriptDetails Script, FinalAssessmentRecordModel Record);

/// <summary>One final task on the candidate's page: where they stand (from Core), the released outcomes with their records, and the answer form.</summary>
/// <param name="Standing">The task, cohort, dates, eligibility, attempts and whether the window is open.</param>
/// <param name="Released">The released outcomes, each with its record.</param>
/// <param name="Answer">The answer form (as saved, or as just typed), or null when there is no attempt to write.</param>
public sealed record CandidateFinalAssessment(CandidateAssessment Standing, IReadOnlyList<ReleasedResult> Released, AnswerForm? Answer);

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
