using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;

namespace Npq.Core.Enrolment;

/// <summary>Reads an import's file format (CSV, in Npq.Web), feeding each row to an <see cref="ImportCheck"/>.</summary>
public interface IImportReader
{
    ImportPreview Read(string text, ImportKind kind, ImportContext context);
}

/// <summary>What became of an import: the preview it was checked with, how many rows were imported, or the cohort that filled up.</summary>
public sealed record ImportOutcome(ImportPreview Preview, int? Imported, int? FullCohortId)
{
    public bool Done => Imported is not null;
}

/// <summary>
/// Bulk import of applications or enrolments: a preview of every row with its problems, and, only when no row has
/// one, every row imported in one transaction (checked again against the data as it is then).
/// </summary>
public sealed class EnrolmentImports(
    IImportReader reader,
    IImportRepository imports,
    ICohortRepository cohorts,
    IEnrolmentLifecycleRepository enrolments,
    ProviderMentors mentors,
    IOptions<FeeOptions> fees,
    IAuditLog audit,
    TimeProvider time,
    ILogger<EnrolmentImports> logger)
{
    public async Task<ImportPreview> PreviewAsync(int providerId, ImportKind kind, string text, CancellationToken cancellationToken = default) =>
        reader.Read(text, kind, await ContextAsync(providerId, kind, cancellationToken));

    /// <summary>Checks the file again and, when no row has a problem, imports every row; audited.</summary>
    public async Task<ImportOutcome> ImportAsync(int providerId, ImportKind kind, string text, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(providerId, kind, text, cancellationToken);
        if (!preview.IsValid)
        {
            return new ImportOutcome(preview, null, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        int count;
        if (kind == ImportKind.Applications)
        {
            count = await imports.ImportApplicationsAsync(preview.Applications, now, cancellationToken);
        }
        else
        {
            if (await imports.ImportEnrolmentsAsync(preview.Enrolments, actor.UserId, now, cancellationToken) is { } full)
            {
                return new ImportOutcome(preview, null, full);
            }

            count = preview.Enrolments.Count;
        }

        logger.LogInformation("Import of {Count} {Kind} by {UserId}", count, kind, actor.UserId);
        await audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = now, ActorUserId = actor.UserId, Action = "import." + kind.ToString().ToLowerInvariant(), Detail = $"{count} rows",
            IpAddress = actor.IpAddress,
        }, cancellationToken);
        return new ImportOutcome(preview, count, null);
    }

    private async Task<ImportContext> ContextAsync(int providerId, ImportKind kind, CancellationToken cancellationToken)
    {
        var summaries = await cohorts.GetSummariesAsync(providerId, cancellationToken);
        var enrolled = new HashSet<(int, string)>();
        if (kind == ImportKind.Enrolments)
        {
            foreach (var cohort in summaries)
            {
                foreach (var e in await enrolments.GetForCohortAsync(cohort.Cohort.Id, cancellationToken))
                {
                    enrolled.Add((cohort.Cohort.Id, e.CandidateEmail.ToUpperInvariant()));
                }
            }
        }

        return new ImportContext(
            providerId, summaries.ToDictionary(c => c.Cohort.Id), await mentors.ByNormalizedEmailAsync(providerId, cancellationToken), enrolled, fees.Value.VatRate,
            time.GetUtcNow().UtcDateTime);
    }
}
