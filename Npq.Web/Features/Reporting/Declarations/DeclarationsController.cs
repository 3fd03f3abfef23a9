using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Reports;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Exports;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Reporting.Declarations;

/// <summary>The review page of one cohort.</summary>
public sealed record DeclarationsPageModel(CohortOption Cohort, IReadOnlyList<DeclarationLine> Lines, string? Message, string? Problem);

/// <summary>
/// DfE declarations and outcomes for a provider admin: what the rules derive per enrolment, marking them declared
/// (with DfE's id when known), voiding (recorded, never deleted), and exports in DfE's JSON shape and as CSV.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("declarations")]
public sealed class DeclarationsController(
    DeclarationReviewService review,
    IDeclarationRepository declarations,
    IReportLookups lookups,
    ViewerScope scopes,
    IAuditLog audit,
    TimeProvider time,
    ILogger<DeclarationsController> logger) : Controller
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        return View(await lookups.GetCohortsAsync(scope, cancellationToken));
    }

    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, string? message, CancellationToken cancellationToken)
    {
        var cohort = await CohortInScopeAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var lines = await review.ReviewCohortAsync(cohortId, Now, cancellationToken);
        return View(new DeclarationsPageModel(cohort, lines, message switch
        {
            "declared" => "The declaration is recorded as made.",
            "voided" => "The declaration is recorded as voided.",
            _ => null,
        }, null));
    }

    [HttpPost("declare")]
    public async Task<IActionResult> Declare([FromForm] int cohortId, [FromForm] int enrolmentId, [FromForm] string? type, [FromForm] string? dfeDeclarationId, CancellationToken cancellationToken)
    {
        var cohort = await CohortInScopeAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var lines = await review.ReviewCohortAsync(cohortId, Now, cancellationToken);
        var line = lines.FirstOrDefault(l => l.Candidate.EnrolmentId == enrolmentId);
        if (line is null)
        {
            return NotFound();
        }

        var dfeId = string.IsNullOrWhiteSpace(dfeDeclarationId) ? null : dfeDeclarationId.Trim();
        string? problem = null;
        if (!DeclarationTypes.TryParseDfe(type, out var declarationType))
        {
            problem = "Choose a declaration type.";
        }
        else if (dfeId is { Length: > 100 } || (dfeId is not null && !Guid.TryParse(dfeId, out _)))
        {
            problem = "DfE's declaration id is a UUID such as d0b4a32e-a272-489e-b30a-cb17131457fc; leave it empty if you do not know it yet.";
        }

        var item = problem is null ? line.Items.FirstOrDefault(i => i.Type == declarationType) : null;
        if (problem is null && item is not { State: DeclarationState.Due, Derived: not null })
        {
            problem = item?.Live is not null
                ? "That declaration is already recorded."
                : "Npq has no evidence for that declaration yet, so it cannot be recorded.";
        }

        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Cohort), new DeclarationsPageModel(cohort, lines, null, problem));
        }

        var derived = item!.Derived!;
        var recorded = await declarations.DeclareAsync(new DeclarationRecord
        {
            EnrolmentId = enrolmentId,
            Type = declarationType,
            DeclarationUtc = derived.DeclarationUtc,
            Justification = derived.Justification,
            DfeDeclarationId = dfeId,
            DeclaredUtc = Now,
            DeclaredByUserId = User.GetUserId(),
        }, cancellationToken);
        if (!recorded)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Cohort), new DeclarationsPageModel(cohort, await review.ReviewCohortAsync(cohortId, Now, cancellationToken), null,
                "Someone recorded that declaration a moment ago; the page now shows it."));
        }

        await AuditAsync("declaration.declared", $"enrolment:{enrolmentId}", declarationType.ToDfe(), cancellationToken);
        logger.LogInformation("User {UserId} recorded declaration {Type} for enrolment {EnrolmentId}", User.GetUserId(), declarationType, enrolmentId);
        return Redirect($"/declarations/cohorts/{cohortId}?message=declared#enrolment-{enrolmentId}");
    }

    [HttpPost("void")]
    public async Task<IActionResult> Void([FromForm] int cohortId, [FromForm] int declarationId, [FromForm] int version, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var cohort = await CohortInScopeAsync(cohortId, cancellationToken);
        var record = await declarations.FindAsync(declarationId, cancellationToken);
        var providerId = (await lookups.GetAffiliationAsync(User.GetUserId(), cancellationToken)).ProviderId;
        if (cohort is null || record is null || providerId is null
            || await declarations.ProviderOfEnrolmentAsync(record.EnrolmentId, cancellationToken) != providerId)
        {
            return NotFound();
        }

        var text = reason?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 500)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Cohort), new DeclarationsPageModel(cohort, await review.ReviewCohortAsync(cohortId, Now, cancellationToken), null,
                "Give a reason for voiding (at most 500 characters)."));
        }

        if (!await declarations.VoidAsync(declarationId, version, User.GetUserId(), text, Now, cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Cohort), new DeclarationsPageModel(cohort, await review.ReviewCohortAsync(cohortId, Now, cancellationToken), null,
                "That declaration was changed or voided by someone else; the page now shows where it stands."));
        }

        await AuditAsync("declaration.voided", $"declaration:{declarationId}", record.Type.ToDfe(), cancellationToken);
        return Redirect($"/declarations/cohorts/{cohortId}?message=voided#enrolment-{record.EnrolmentId}");
    }

    [HttpGet("cohorts/{cohortId:int}/declarations.json")]
    public async Task<IActionResult> DeclarationsJson(int cohortId, CancellationToken cancellationToken)
    {
        var (cohort, lines) = await LoadAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var providerId = (await lookups.GetAffiliationAsync(User.GetUserId(), cancellationToken)).ProviderId!.Value;
        var document = DfeShapes.Declarations(lines, await lookups.GetProviderNameAsync(providerId, cancellationToken) ?? string.Empty);
        await AuditAsync("declarations.exported", $"cohort:{cohortId}", $"json rows={document.Data.Count}", cancellationToken);
        return JsonFile(document, $"npq-declarations-cohort-{cohortId}.json");
    }

    [HttpGet("cohorts/{cohortId:int}/outcomes.json")]
    public async Task<IActionResult> OutcomesJson(int cohortId, CancellationToken cancellationToken)
    {
        var (cohort, lines) = await LoadAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var document = DfeShapes.Outcomes(lines);
        await AuditAsync("outcomes.exported", $"cohort:{cohortId}", $"json rows={document.Data.Count}", cancellationToken);
        return JsonFile(document, $"npq-outcomes-cohort-{cohortId}.json");
    }

    [HttpGet("cohorts/{cohortId:int}/declarations.csv")]
    public async Task<IActionResult> DeclarationsCsv(int cohortId, CancellationToken cancellationToken)
    {
        var (cohort, lines) = await LoadAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var rows = DfeShapes.DeclarationRows(lines).ToList();
        await AuditAsync("declarations.exported", $"cohort:{cohortId}", $"csv rows={rows.Count}", cancellationToken);
        return await CsvFileAsync(rows, $"npq-declarations-cohort-{cohortId}.csv", cancellationToken);
    }

    [HttpGet("cohorts/{cohortId:int}/outcomes.csv")]
    public async Task<IActionResult> OutcomesCsv(int cohortId, CancellationToken cancellationToken)
    {
        var (cohort, lines) = await LoadAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return NotFound();
        }

        var rows = DfeShapes.OutcomeRows(lines).ToList();
        await AuditAsync("outcomes.exported", $"cohort:{cohortId}", $"csv rows={rows.Count}", cancellationToken);
        return await CsvFileAsync(rows, $"npq-outcomes-cohort-{cohortId}.csv", cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<(CohortOption? Cohort, IReadOnlyList<DeclarationLine> Lines)> LoadAsync(int cohortId, CancellationToken cancellationToken)
    {
        var cohort = await CohortInScopeAsync(cohortId, cancellationToken);
        return cohort is null ? (null, []) : (cohort, await review.ReviewCohortAsync(cohortId, Now, cancellationToken));
    }

    /// <summary>The cohort, only when it belongs to the admin's provider.</summary>
    private async Task<CohortOption?> CohortInScopeAsync(int cohortId, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        if (scope.ProviderId is null)
        {
            return null;
        }

        return (await lookups.GetCohortsAsync(scope, cancellationToken)).FirstOrDefault(c => c.CohortId == cohortId);
    }

    private FileContentResult JsonFile<T>(T document, string fileName) =>
        File(JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions), "application/json", fileName);

    private async Task<IActionResult> CsvFileAsync<T>(IReadOnlyList<T> rows, string fileName, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await CsvExport.WriteAsync(buffer, rows, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", fileName);
    }

    private Task AuditAsync(string action, string subject, string detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = Now,
            ActorUserId = User.GetUserId(),
            Action = action,
            Subject = subject,
            Detail = detail,
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
}
