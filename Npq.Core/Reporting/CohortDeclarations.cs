using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Changes;

namespace Npq.Core.Reporting;

/// <summary>A cohort of the provider with its declarations review.</summary>
public sealed record CohortReview(CohortOption Cohort, IReadOnlyList<DeclarationLine> Lines);

/// <summary>
/// One page of a cohort's declarations review (<see cref="Page"/> of <see cref="PageSize"/> lines) with the whole
/// cohort's counts: its candidates and those without a DfE participant id.
/// </summary>
public sealed record CohortReviewPage(CohortOption Cohort, IReadOnlyList<DeclarationLine> Lines, int Page, int PageSize, int Candidates, int WithoutParticipantId);

/// <summary>How a change to a declaration went.</summary>
public enum DeclarationChangeStatus
{
    /// <summary>The cohort, enrolment or declaration is not the provider's (or does not exist).</summary>
    NotFound,

    /// <summary>The request cannot be recorded as asked: <see cref="DeclarationChange.Problem"/> says why.</summary>
    Invalid,

    /// <summary>Someone else changed it first: <see cref="DeclarationChange.Problem"/> says so.</summary>
    Conflict,

    /// <summary>Recorded.</summary>
    Done,
}

/// <summary>
/// The result of declaring or voiding: where it went, the review to show again, the enrolment it was about (also on a
/// refusal, so the page shown again is the one holding its line).
/// </summary>
public sealed record DeclarationChange(DeclarationChangeStatus Status, CohortReview? Review = null, string? Problem = null, int EnrolmentId = 0)
{
    public static DeclarationChange NotFound { get; } = new(DeclarationChangeStatus.NotFound);
}

/// <summary>Which DfE document a cohort's export is.</summary>
public enum DeclarationExportKind
{
    Declarations,
    Outcomes,
}

/// <summary>
/// DfE declarations and outcomes of a provider's cohort: what the rules derive per enrolment, marking them declared
/// (with DfE's id when known), voiding (recorded, never deleted), and audited exports.
/// </summary>
public sealed class CohortDeclarations(
    DeclarationReviewService review,
    IDeclarationRepository declarations,
    IReportLookups lookups,
    ReportCohorts cohorts,
    IAuditLog audit,
    IEnumerable<IRecordChangeListener> listeners,
    TimeProvider time,
    ILogger<CohortDeclarations> logger)
{
    public const int MaxVoidReasonLength = 500;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The review of one of the provider's cohorts; null for another provider's cohort or a scope without a provider.</summary>
    public async Task<CohortReview?> ReviewAsync(ReportScope scope, int cohortId, CancellationToken cancellationToken = default)
    {
        var cohort = await cohorts.OfProviderAsync(scope, cohortId, cancellationToken);
        return cohort is null ? null : new CohortReview(cohort, await review.ReviewCohortAsync(cohortId, Now, cancellationToken));
    }

    /// <summary>
    /// One page of the review of one of the provider's cohorts: the page holding <paramref name="enrolmentId"/> when it
    /// is the cohort's (back from declaring or voiding), otherwise page <paramref name="page"/>, or page 1 when that is
    /// past the end. The page's lines are read for its enrolments only; the counts are the whole cohort's. Null for
    /// another provider's cohort or a scope without a provider.
    /// </summary>
    public async Task<CohortReviewPage?> ReviewPageAsync(ReportScope scope, int cohortId, int page, int pageSize, int? enrolmentId, CancellationToken cancellationToken = default)
    {
        var cohort = await cohorts.OfProviderAsync(scope, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var size = Math.Max(1, pageSize);
        var counts = await declarations.CountCohortAsync(cohortId, cancellationToken);
        var number = Math.Max(1, page);
        if (enrolmentId is { } id && await declarations.GetPositionAsync(cohortId, id, cancellationToken) is { } position)
        {
            number = (position / size) + 1;
        }
        else if ((long)(number - 1) * size >= counts.Candidates)
        {
            number = 1;
        }

        var lines = await review.ReviewCohortPageAsync(cohortId, Now, (number - 1) * size, size, cancellationToken);
        return new CohortReviewPage(cohort, lines, number, size, counts.Candidates, counts.WithoutParticipantId);
    }

    /// <summary>Records a declaration the rules justify as made to DfE, with DfE's id (a UUID) when the admin knows it.</summary>
    public async Task<DeclarationChange> DeclareAsync(ReportScope scope, int cohortId, int enrolmentId, string? type, string? dfeDeclarationId, ReportActor actor, CancellationToken cancellationToken = default)
    {
        var current = await ReviewAsync(scope, cohortId, cancellationToken);
        var line = current?.Lines.FirstOrDefault(l => l.Candidate.EnrolmentId == enrolmentId);
        if (current is null || line is null)
        {
            return DeclarationChange.NotFound;
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
            return new DeclarationChange(DeclarationChangeStatus.Invalid, current, problem, enrolmentId);
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
            DeclaredByUserId = actor.UserId,
        }, cancellationToken);
        if (!recorded)
        {
            return await ConflictAsync(current.Cohort, "Someone recorded that declaration a moment ago; the page now shows it.", enrolmentId, cancellationToken);
        }

        await audit.RecordAsync(time, actor, "declaration.declared", $"enrolment:{enrolmentId}", declarationType.ToDfe(), cancellationToken);
        logger.LogInformation("User {UserId} recorded declaration {Type} for enrolment {EnrolmentId}", actor.UserId, declarationType, enrolmentId);
        await listeners.PublishAsync(new RecordChange(RecordChangeKind.DeclarationMade, cohortId)
        {
            ProviderId = scope.ProviderId, EnrolmentIds = [enrolmentId], DeclarationType = declarationType.ToDfe(),
        }, logger, cancellationToken);
        return new DeclarationChange(DeclarationChangeStatus.Done, EnrolmentId: enrolmentId);
    }

    /// <summary>Voids a live declaration of the provider's, with a reason; the row is kept.</summary>
    public async Task<DeclarationChange> VoidAsync(ReportScope scope, int cohortId, int declarationId, int version, string? reason, ReportActor actor, CancellationToken cancellationToken = default)
    {
        var cohort = await cohorts.OfProviderAsync(scope, cohortId, cancellationToken);
        var record = await declarations.FindAsync(declarationId, cancellationToken);
        if (cohort is null || record is null
            || await declarations.ProviderOfEnrolmentAsync(record.EnrolmentId, cancellationToken) != scope.ProviderId)
        {
            return DeclarationChange.NotFound;
        }

        var text = reason?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxVoidReasonLength)
        {
            return new DeclarationChange(DeclarationChangeStatus.Invalid, await ReviewOfAsync(cohort, cancellationToken),
                "Give a reason for voiding (at most 500 characters).", record.EnrolmentId);
        }

        if (!await declarations.VoidAsync(declarationId, version, actor.UserId, text, Now, cancellationToken))
        {
            return await ConflictAsync(cohort, "That declaration was changed or voided by someone else; the page now shows where it stands.", record.EnrolmentId, cancellationToken);
        }

        await audit.RecordAsync(time, actor, "declaration.voided", $"declaration:{declarationId}", record.Type.ToDfe(), cancellationToken);
        await listeners.PublishAsync(new RecordChange(RecordChangeKind.DeclarationVoided, cohortId)
        {
            ProviderId = scope.ProviderId, EnrolmentIds = [record.EnrolmentId], DeclarationId = declarationId, DeclarationType = record.Type.ToDfe(),
        }, logger, cancellationToken);
        return new DeclarationChange(DeclarationChangeStatus.Done, EnrolmentId: record.EnrolmentId);
    }

    /// <summary>
    /// A cohort's declarations or outcomes, shaped by <paramref name="shape"/> (from the review and the provider's
    /// name) into a document of some rows; the export is audited with its format and row count. Null when the
    /// cohort is not the provider's.
    /// </summary>
    public async Task<TDocument?> ExportAsync<TDocument>(
        ReportScope scope,
        int cohortId,
        DeclarationExportKind kind,
        string format,
        Func<IReadOnlyList<DeclarationLine>, string, (TDocument Document, int Rows)> shape,
        ReportActor actor,
        CancellationToken cancellationToken = default)
        where TDocument : class
    {
        var current = await ReviewAsync(scope, cohortId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        // Only DfE's JSON declarations carry the lead provider's name; the CSVs and outcomes do not read it.
        var leadProviderName = kind == DeclarationExportKind.Declarations && format == "json"
            ? await lookups.GetProviderNameAsync(scope.ProviderId!.Value, cancellationToken) ?? string.Empty
            : string.Empty;
        var (document, rows) = shape(current.Lines, leadProviderName);
        var action = kind == DeclarationExportKind.Declarations ? "declarations.exported" : "outcomes.exported";
        await audit.RecordAsync(time, actor, action, $"cohort:{cohortId}", $"{format} rows={rows}", cancellationToken);
        return document;
    }

    private async Task<CohortReview> ReviewOfAsync(CohortOption cohort, CancellationToken cancellationToken) =>
        new(cohort, await review.ReviewCohortAsync(cohort.CohortId, Now, cancellationToken));

    private async Task<DeclarationChange> ConflictAsync(CohortOption cohort, string problem, int enrolmentId, CancellationToken cancellationToken) =>
        new(DeclarationChangeStatus.Conflict, await ReviewOfAsync(cohort, cancellationToken), problem, enrolmentId);
}
