using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Reporting;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure.Exports;

namespace Npq.Web.Features.Reporting.Declarations;

/// <summary>A page of the provider's cohorts to review.</summary>
public sealed record DeclarationsIndexPage(IReadOnlyList<CohortOption> Cohorts, PageLinks Pager);

/// <summary>The review page of one cohort: a page of its lines, the pager, and how many of all its candidates have no DfE participant id.</summary>
public sealed record DeclarationsPageModel(CohortOption Cohort, IReadOnlyList<DeclarationLine> Lines, string? Message, string? Problem)
{
    /// <summary>How many of the cohort's candidates (all of them, not only this page's) have no DfE participant id.</summary>
    public int WithoutParticipantId { get; init; }

    public PageLinks? Pager { get; init; }

    /// <summary>The page the review read (<see cref="CohortDeclarations.ReviewPageAsync"/>).</summary>
    public static DeclarationsPageModel Of(CohortReviewPage page, string? message) => new(page.Cohort, page.Lines, message, null)
    {
        WithoutParticipantId = page.WithoutParticipantId,
        Pager = Links(page.Cohort, page.Page, page.PageSize, page.Candidates),
    };

    /// <summary>
    /// The page of every line of the cohort (<paramref name="lines"/>, shown again after a refused declaration or void)
    /// holding <paramref name="enrolmentId"/>, or page 1.
    /// </summary>
    public static DeclarationsPageModel Holding(CohortOption cohort, IReadOnlyList<DeclarationLine> lines, int enrolmentId, string? problem)
    {
        var pageSize = Paging.DefaultSize;
        var index = lines.ToList().FindIndex(l => l.Candidate.EnrolmentId == enrolmentId);
        var number = index >= 0 ? (index / pageSize) + 1 : 1;
        return new DeclarationsPageModel(cohort, lines.Skip(Paging.Skip(number, pageSize)).Take(pageSize).ToList(), null, problem)
        {
            WithoutParticipantId = lines.Count(l => string.IsNullOrWhiteSpace(l.Candidate.DfeParticipantId)),
            Pager = Links(cohort, number, pageSize, lines.Count),
        };
    }

    private static PageLinks Links(CohortOption cohort, int page, int size, int total) =>
        new($"/declarations/cohorts/{cohort.CohortId}", [], page, size, total, "candidates' declarations") { Sizes = Paging.HeavyRowSizes };
}

/// <summary>
/// DfE declarations and outcomes for a provider admin (<see cref="CohortDeclarations"/>): what the rules derive per
/// enrolment, marking them declared (with DfE's id when known), voiding (recorded, never deleted), and exports in
/// DfE's JSON shape and as CSV.
/// </summary>
[Authorize(Roles = ReportingPermissions.ProviderAdmins)]
[Route("declarations")]
public sealed class DeclarationsController(CohortDeclarations declarations, ReportCohorts cohorts, ViewerScope scopes) : Controller
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The provider's cohorts, a page at a time (a provider may run hundreds).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Size(size);
        var (total, shown, rows) = await cohorts.ProviderPageAsync(await scopes.ReportScopeAsync(User, cancellationToken), Paging.Number(page), pageSize, cancellationToken);
        return View(new DeclarationsIndexPage(rows, new PageLinks("/declarations", [], shown, pageSize, total, "cohorts")));
    }

    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, string? message, int? page, int? size, int? enrolment, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var review = await declarations.ReviewPageAsync(scope, cohortId, Paging.Number(page), Paging.Size(size, Paging.HeavyRowSizes), enrolment, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        return View(DeclarationsPageModel.Of(review, message switch
        {
            "declared" => "The declaration is recorded as made.",
            "voided" => "The declaration is recorded as voided.",
            _ => null,
        }));
    }

    [HttpPost("declare")]
    public async Task<IActionResult> Declare([FromForm] int cohortId, [FromForm] int enrolmentId, [FromForm] string? type, [FromForm] string? dfeDeclarationId, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var change = await declarations.DeclareAsync(scope, cohortId, enrolmentId, type, dfeDeclarationId, this.Actor(), cancellationToken);
        return Show(change, cohortId, "declared");
    }

    [HttpPost("void")]
    public async Task<IActionResult> Void([FromForm] int cohortId, [FromForm] int declarationId, [FromForm] int version, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var change = await declarations.VoidAsync(scope, cohortId, declarationId, version, reason, this.Actor(), cancellationToken);
        return Show(change, cohortId, "voided");
    }

    [HttpGet("cohorts/{cohortId:int}/declarations.json")]
    public Task<IActionResult> DeclarationsJson(int cohortId, CancellationToken cancellationToken) =>
        JsonFileAsync(cohortId, DeclarationExportKind.Declarations, (lines, provider) => Counted(DfeShapes.Declarations(lines, provider)),
            $"npq-declarations-cohort-{cohortId}.json", cancellationToken);

    [HttpGet("cohorts/{cohortId:int}/outcomes.json")]
    public Task<IActionResult> OutcomesJson(int cohortId, CancellationToken cancellationToken) =>
        JsonFileAsync(cohortId, DeclarationExportKind.Outcomes, (lines, _) => Counted(DfeShapes.Outcomes(lines)),
            $"npq-outcomes-cohort-{cohortId}.json", cancellationToken);

    [HttpGet("cohorts/{cohortId:int}/declarations.csv")]
    public Task<IActionResult> DeclarationsCsv(int cohortId, CancellationToken cancellationToken) =>
        CsvFileAsync(cohortId, DeclarationExportKind.Declarations, (lines, _) => DfeShapes.DeclarationRows(lines).ToList(),
            $"npq-declarations-cohort-{cohortId}.csv", cancellationToken);

    [HttpGet("cohorts/{cohortId:int}/outcomes.csv")]
    public Task<IActionResult> OutcomesCsv(int cohortId, CancellationToken cancellationToken) =>
        CsvFileAsync(cohortId, DeclarationExportKind.Outcomes, (lines, _) => DfeShapes.OutcomeRows(lines).ToList(),
            $"npq-outcomes-cohort-{cohortId}.csv", cancellationToken);

    /// <summary>Back to the cohort's page when done; the page again with the problem (400, or 409 on a conflict) otherwise.</summary>
    private IActionResult Show(DeclarationChange change, int cohortId, string message)
    {
        switch (change.Status)
        {
            case DeclarationChangeStatus.NotFound:
                return NotFound();
            case DeclarationChangeStatus.Done:
                return Redirect($"/declarations/cohorts/{cohortId}?message={message}&enrolment={change.EnrolmentId}#enrolment-{change.EnrolmentId}");
            default:
                Response.StatusCode = change.Status == DeclarationChangeStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return View(nameof(Cohort), DeclarationsPageModel.Holding(change.Review!.Cohort, change.Review.Lines, change.EnrolmentId, change.Problem));
        }
    }

    private static (DfeList<T> Document, int Rows) Counted<T>(DfeList<T> document) => (document, document.Data.Count);

    private async Task<IActionResult> JsonFileAsync<T>(int cohortId, DeclarationExportKind kind, Func<IReadOnlyList<DeclarationLine>, string, (DfeList<T>, int)> shape, string fileName, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var document = await declarations.ExportAsync(scope, cohortId, kind, "json", shape, this.Actor(), cancellationToken);
        return document is null ? NotFound() : File(JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions), "application/json", fileName);
    }

    private async Task<IActionResult> CsvFileAsync<T>(int cohortId, DeclarationExportKind kind, Func<IReadOnlyList<DeclarationLine>, string, List<T>> shape, string fileName, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var rows = await declarations.ExportAsync(scope, cohortId, kind, "csv", (lines, provider) =>
        {
            var list = shape(lines, provider);
            return (list, list.Count);
        }, this.Actor(), cancellationToken);
        if (rows is null)
        {
            return NotFound();
        }

        var buffer = new MemoryStream();
        await CsvExport.WriteAsync(buffer, rows, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", fileName);
    }
}
