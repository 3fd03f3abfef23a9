using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Text;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment.Marking;

/// <summary>An assessor marks the scripts allocated to them and moderates those they are given.</summary>
[Authorize(Roles = Roles.Assessor)]
[Route("marking")]
public sealed class MarkingController(
    FinalAssessmentQueries queries,
    ScriptMarking marking,
    IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, int? mpage, int? msize, CancellationToken cancellationToken)
    {
        // Two lists, each paged: scripts to mark (page, size) and to moderate (mpage, msize), each pager keeping the other's place.
        var me = User.GetUserId();
        var (markSize, markNumber) = (Paging.Size(size), Paging.Number(page));
        var (moderateSize, moderateNumber) = (Paging.Size(msize), Paging.Number(mpage));
        var toMark = await queries.GetAssessorScriptsPageAsync(me, moderating: false, Paging.Skip(markNumber, markSize), markSize, cancellationToken);
        var toModerate = await queries.GetAssessorScriptsPageAsync(me, moderating: true, Paging.Skip(moderateNumber, moderateSize), moderateSize, cancellationToken);
        markNumber = toMark.FromStart ? 1 : markNumber;
        moderateNumber = toModerate.FromStart ? 1 : moderateNumber;
        static string? Kept(int value, int none) => value == none ? null : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        static List<(ScriptListItem, string)> Labelled(IEnumerable<AssessorScript> scripts) =>
            scripts.Select(s => (s.Script, s.Blind ? s.Script.Reference : $"{s.Script.CandidateName} ({s.Script.Reference})")).ToList();
        return View(new MarkingIndex(
            Labelled(toMark.Scripts),
            Labelled(toModerate.Scripts),
            new PageLinks("/marking", [new("msize", Kept(moderateSize, Paging.DefaultSize)), new("mpage", Kept(moderateNumber, 1))],
                markNumber, markSize, toMark.Total, "scripts to mark"),
            new PageLinks("/marking", [new("size", Kept(markSize, Paging.DefaultSize)), new("page", Kept(markNumber, 1))],
                moderateNumber, moderateSize, toModerate.Total, "scripts to moderate", PageKey: "mpage", SizeKey: "msize")));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Mark(int id, bool saved, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Mark)).Succeeded)
        {
            return Forbid();
        }

        var sheet = await queries.GetMarkingSheetAsync(row, User.GetUserId(), cancellationToken);
        var form = FormOf(sheet, JudgementRole.Assessor, row.AssessorOutcome, row.AssessorComment);
        return View(Page(sheet, form, moderation: false, conflict: null, saved ? "Your marking has been saved." : null));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Mark(int id, MarkingForm form, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Mark)).Succeeded)
        {
            return Forbid();
        }

        var finish = form.Command == "finish";
        var result = await marking.SaveMarkingAsync(row, Inputs(form), ParseOutcome(form.Outcome), form.Comment ?? string.Empty, finish, form.Version, User.GetUserId(), cancellationToken);
        switch (result.Status)
        {
            case MarkingSaveStatus.Saved:
                return RedirectToAction(nameof(Mark), new { id, saved = true });
            case MarkingSaveStatus.Conflict:
                var current = await queries.GetScriptAsync(id, cancellationToken) ?? row;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View(await PageAsync(current, form, false, result.Message, cancellationToken));
            case MarkingSaveStatus.InvalidComment:
                ModelState.AddModelError(nameof(form.Comment), result.Message ?? "That could not be saved.");
                return View(await PageAsync(row, form, false, null, cancellationToken));
            default:
                ModelState.AddModelError(finish ? nameof(form.Outcome) : string.Empty, result.Message ?? "That could not be saved.");
                return View(await PageAsync(row, form, false, null, cancellationToken));
        }
    }

    [HttpGet("{id:int}/moderate")]
    public async Task<IActionResult> Moderate(int id, bool saved, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Moderate)).Succeeded)
        {
            return Forbid();
        }

        var sheet = await queries.GetMarkingSheetAsync(row, User.GetUserId(), cancellationToken);
        var form = FormOf(sheet, JudgementRole.Moderator, row.ModeratorOutcome, row.ModeratorComment);
        return View("Mark", Page(sheet, form, moderation: true, conflict: null, saved ? "Your moderation has been saved." : null));
    }

    [HttpPost("{id:int}/moderate")]
    public async Task<IActionResult> Moderate(int id, MarkingForm form, CancellationToken cancellationToken)
    {
        var row = await queries.GetScriptAsync(id, cancellationToken);
        if (row is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, row.ToScript(), ScriptOperations.Moderate)).Succeeded)
        {
            return Forbid();
        }

        var result = await marking.SaveModerationAsync(row, Inputs(form), ParseOutcome(form.Outcome), form.Comment ?? string.Empty, form.Version, User.GetUserId(), cancellationToken);
        switch (result.Status)
        {
            case MarkingSaveStatus.Saved:
                return RedirectToAction(nameof(Moderate), new { id, saved = true });
            case MarkingSaveStatus.Conflict:
                var current = await queries.GetScriptAsync(id, cancellationToken) ?? row;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Mark", await PageAsync(current, form, true, result.Message, cancellationToken));
            default:
                ModelState.AddModelError(nameof(form.Outcome), result.Message ?? "That could not be saved.");
                return View("Mark", await PageAsync(row, form, true, null, cancellationToken));
        }
    }

    private async Task<MarkingPage> PageAsync(ScriptDetails row, MarkingForm form, bool moderation, string? conflict, CancellationToken cancellationToken) =>
        Page(await queries.GetMarkingSheetAsync(row, User.GetUserId(), cancellationToken), form, moderation, conflict, null);

    private static MarkingPage Page(MarkingSheet sheet, MarkingForm form, bool moderation, string? conflict, string? saved)
    {
        var row = sheet.Script;
        if (conflict is not null)
        {
            // The form keeps what this person typed; only the version moves on so their next save can win.
            form.Version = row.Version;
        }

        return new MarkingPage
        {
            Script = row,
            CandidateLabel = sheet.Blind ? $"Script {row.Reference}" : $"{row.CandidateName} ({row.Reference})",
            SubmissionHtml = SafeMarkdown.ToHtml(sheet.Submission?.Body ?? string.Empty),
            TaskTitle = sheet.Task?.Title ?? "Final assessment",
            WordLimit = sheet.Task?.WordLimit ?? 0,
            Criteria = sheet.Criteria,
            Form = form,
            IsModeration = moderation,
            ReadOnly = moderation ? row.State != MarkingState.ReadyForModeration : row.State is not (MarkingState.NotMarked or MarkingState.InMarking),
            AssessorJudgements = sheet.Judgements.Where(j => j.Role == JudgementRole.Assessor).ToList(),
            ModeratorJudgements = sheet.Judgements.Where(j => j.Role == JudgementRole.Moderator).ToList(),
            Conflict = conflict,
            Saved = saved,
            ViewerZone = sheet.ViewerZone,
        };
    }

    /// <summary>The form as saved: this person's judgements, outcome and comment.</summary>
    private static MarkingForm FormOf(MarkingSheet sheet, JudgementRole role, MarkingOutcome? outcome, string comment) => new()
    {
        Version = sheet.Script.Version,
        Outcome = outcome?.ToString().ToLowerInvariant(),
        Comment = comment,
        Criteria = sheet.Judgements.Where(j => j.Role == role)
            .Select(j => new CriterionField { CriterionId = j.CriterionId, Met = CriterionField.From(j.Met), Comment = j.Comment }).ToList(),
    };

    private static MarkingOutcome? ParseOutcome(string? value) => value switch
    {
        "pass" => MarkingOutcome.Pass,
        "fail" => MarkingOutcome.Fail,
        _ => null,
    };

    private static List<CriterionInput> Inputs(MarkingForm form) =>
        form.Criteria.Select(c => new CriterionInput(c.CriterionId, c.ToMet(), c.Comment ?? string.Empty)).ToList();
}
