using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Assessment;
using Npq.Core.Tasks;
using Npq.Data.Assessment;
using Npq.Data.Enrolments;
using Npq.Data.Tasks;
using Npq.Data.Webinars;
using Npq.Web.Documents;
using Npq.Web.Features.Assessment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment;

/// <summary>
/// The candidate's final assessment: whether they may sit it (and why not), and after release their outcome, the
/// record and the certificate. The record and certificate downloads also serve assessors and admins; every request
/// is checked by <see cref="ScriptAccessHandler"/>.
/// </summary>
[Route("final-assessment")]
public sealed class FinalAssessmentController(
    MarkingRepository marking,
    TaskRepository tasks,
    EnrolmentRepository enrolments,
    FinalAssessmentService service,
    AssessmentDocuments documents,
    UserTimeZoneRepository zones,
    IAuthorizationService authorization,
    ILogger<FinalAssessmentController> logger) : Controller
{
    [Authorize(Roles = Roles.Candidate)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
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

                items.Add(new CandidateFinalAssessment
                {
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

        return View(new CandidateFinalAssessmentPage(items, (await zones.GetAsync(me, cancellationToken))?.TimeZone));
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
        return Pdf(document.WriteTo, document.FileName);
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
        return Pdf(document.WriteTo, document.FileName);
    }

    private FileContentResult Pdf(Action<Stream> write, string fileName)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        Response.Headers.CacheControl = "private, no-store";
        return File(buffer.ToArray(), "application/pdf", fileName);
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
}

public sealed record CandidateFinalAssessmentPage(IReadOnlyList<CandidateFinalAssessment> Items, string? ViewerZone);
