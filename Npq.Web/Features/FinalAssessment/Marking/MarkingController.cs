using Npq.Core.Portfolio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Text;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;
using Npq.Data.Webinars;
using Npq.Web.Features.FinalAssessment.Assessment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment.Marking;

/// <summary>An assessor marks the scripts allocated to them and moderates those they are given.</summary>
[Authorize(Roles = Roles.Assessor)]
[Route("marking")]
public sealed class MarkingController(
    IMarkingRepository marking,
    ITaskRepository tasks,
    FinalAssessmentService service,
    AssessmentDocuments documents,
    IUserTimeZones zones,
    IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var scripts = await marking.GetScriptsForAssessorAsync(me, cancellationToken);
        var labelled = new List<(MarkingScriptRow, string)>();
        foreach (var s in scripts)
        {
            labelled.Add((s, await documents.IsBlindForAsync(s, false, cancellationToken) ? s.Reference : $"{s.CandidateName} ({s.Reference})"));
        }

        return View(new MarkingIndex(
            labelled.Where(s => s.Item1.AssessorUserId == me).ToList(),
            labelled.Where(s => s.Item1.ModeratorUserId == me).ToList()));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Mark(int id, bool saved, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Mark)).Succeeded)
        {
            return Forbid();
        }

        var judgements = await marking.GetJudgementsAsync(id, cancellationToken);
        var form = new MarkingForm
        {
            Version = row.Version,
            Outcome = row.AssessorOutcome?.ToString().ToLowerInvariant(),
            Comment = row.AssessorComment,
            Criteria = judgements.Where(j => j.Role == JudgementRole.Assessor)
                .Select(j => new CriterionField { CriterionId = j.CriterionId, Met = CriterionField.From(j.Met), Comment = j.Comment }).ToList(),
        };
        return View(await PageAsync(row, form, moderation: false, conflict: null, saved ? "Your marking has been saved." : null, cancellationToken));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Mark(int id, MarkingForm form, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Mark)).Succeeded)
        {
            return Forbid();
        }

        var outcome = ParseOutcome(form.Outcome);
        if (form.Comment?.Length > 20_000)
        {
            ModelState.AddModelError(nameof(form.Comment), "Keep the overall comment under 20,000 characters.");
            return View(await PageAsync(row, form, false, null, null, cancellationToken));
        }

        var finish = form.Command == "finish";
        var result = await service.SaveMarkingAsync(row, Inputs(form), outcome, form.Comment ?? string.Empty, finish, form.Version, User.GetUserId(), cancellationToken);
        switch (result.Status)
        {
            case MarkingSaveStatus.Saved:
                return RedirectToAction(nameof(Mark), new { id, saved = true });
            case MarkingSaveStatus.Conflict:
                var current = await marking.GetScriptAsync(id, cancellationToken) ?? row;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(await PageAsync(current, form, false, result.Message, null, cancellationToken));
            default:
                ModelState.AddModelError(finish ? nameof(form.Outcome) : string.Empty, result.Message ?? "That could not be saved.");
                return View(await PageAsync(row, form, false, null, null, cancellationToken));
        }
    }

    [HttpGet("{id:int}/moderate")]
    public async Task<IActionResult> Moderate(int id, bool saved, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Moderate)).Succeeded)
        {
            return Forbid();
        }

        var judgements = await marking.GetJudgementsAsync(id, cancellationToken);
        var form = new MarkingForm
        {
            Version = row.Version,
            Outcome = row.ModeratorOutcome?.ToString().ToLowerInvariant(),
            Comment = row.ModeratorComment,
            Criteria = judgements.Where(j => j.Role == JudgementRole.Moderator)
                .Select(j => new CriterionField { CriterionId = j.CriterionId, Met = CriterionField.From(j.Met), Comment = j.Comment }).ToList(),
        };
        return View("Mark", await PageAsync(row, form, moderation: true, conflict: null, saved ? "Your moderation has been saved." : null, cancellationToken));
    }

    [HttpPost("{id:int}/moderate")]
    public async Task<IActionResult> Moderate(int id, MarkingForm form, CancellationToken cancellationToken)
    {
        var row = await marking.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Moderate)).Succeeded)
        {
            return Forbid();
        }

        var result = await service.SaveModerationAsync(row, Inputs(form), ParseOutcome(form.Outcome), form.Comment ?? string.Empty, form.Version, User.GetUserId(), cancellationToken);
        switch (result.Status)
        {
            case MarkingSaveStatus.Saved:
                return RedirectToAction(nameof(Moderate), new { id, saved = true });
            case MarkingSaveStatus.Conflict:
                var current = await marking.GetScriptAsync(id, cancellationToken) ?? row;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Mark", await PageAsync(current, form, true, result.Message, null, cancellationToken));
            default:
                ModelState.AddModelError(nameof(form.Outcome), result.Message ?? "That could not be saved.");
                return View("Mark", await PageAsync(row, form, true, null, null, cancellationToken));
        }
    }

    private async Task<MarkingPage> PageAsync(MarkingScriptRow row, MarkingForm form, bool moderation, string? conflict, string? saved, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(row.SubmissionId, cancellationToken);
        var task = await tasks.GetTaskAsync(row.TaskId, cancellationToken);
        var criteria = await marking.GetCriteriaAsync(row.CourseId, cancellationToken);
        var judgements = await marking.GetJudgementsAsync(row.Id, cancellationToken);
        var blind = await documents.IsBlindForAsync(row, false, cancellationToken);
        if (conflict is not null)
        {
            // The form keeps what this person typed; only the version moves on so their next save can win.
            form.Version = row.Version;
        }

        return new MarkingPage
        {
            Script = row,
            CandidateLabel = blind ? $"Script {row.Reference}" : $"{row.CandidateName} ({row.Reference})",
            SubmissionHtml = SafeMarkdown.ToHtml(submission?.Body ?? string.Empty),
            TaskTitle = task?.Title ?? "Final assessment",
            WordLimit = task?.WordLimit ?? 0,
            Criteria = criteria,
            Form = form,
            IsModeration = moderation,
            ReadOnly = moderation ? row.State != MarkingState.ReadyForModeration : row.State is not (MarkingState.NotMarked or MarkingState.InMarking),
            AssessorJudgements = judgements.Where(j => j.Role == JudgementRole.Assessor).ToList(),
            ModeratorJudgements = judgements.Where(j => j.Role == JudgementRole.Moderator).ToList(),
            Conflict = conflict,
            Saved = saved,
            ViewerZone = (await zones.GetAsync(User.GetUserId(), cancellationToken))?.TimeZone,
        };
    }

    private static MarkingOutcome? ParseOutcome(string? value) => value switch
    {
        "pass" => MarkingOutcome.Pass,
        "fail" => MarkingOutcome.Fail,
        _ => null,
    };

    private static List<CriterionInput> Inputs(MarkingForm form) =>
        form.Criteria.Select(c => new CriterionInput(c.CriterionId, c.ToMet(), (c.Comment ?? string.Empty).Length > 10_000 ? c.Comment![..10_000] : c.Comment ?? string.Empty)).ToList();
}
