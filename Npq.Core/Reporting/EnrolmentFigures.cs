using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Npq.Core.Reporting;

/// <summary>
/// One enrolment's completion-report figures as computed live at a moment (<see cref="CompletionRow"/>'s attendance,
/// coverage, tasks, ratings and materials), with the next moment time alone changes them: the end of a session of the
/// cohort, or an unsubmitted task's due date passing in the cohort's zone (null when nothing is left to happen). The
/// row's names and DfE ids are kept with the figures too (migration 0059), and its released outcome (0060), so a report
/// page reads them from the kept row.
/// </summary>
public sealed record EnrolmentFigures(CompletionRow Row, DateTime? ValidUntilUtc)
{
    /// <summary>The whole modules of the course's published materials completed, as the homes' materials summary counts
    /// them (null when not counted: the row is then picked again).</summary>
    public int? ModulesCompleted { get; init; }

    /// <summary>The course's modules with published materials (null when not counted).</summary>
    public int? ModulesTotal { get; init; }

    /// <summary>The candidate's statements covered of the framework named by <see cref="FrameworkCoveredOf"/>, as a
    /// headteacher's home counts them (null when not counted).</summary>
    public int? FrameworkCovered { get; init; }

    /// <summary>The framework <see cref="FrameworkCovered"/> was counted against, as loaded then (its code and a digest of
    /// its statement ids); empty when no framework was loaded, null when not counted.</summary>
    public string? FrameworkCoveredOf { get; init; }
}

/// <summary>
/// The completion report's figures kept per enrolment (issue 23). A kept row is only a cache: the report reads it when
/// it is there and fresh and computes every other row live, and every write that changes a figure deletes the rows it
/// affects (database triggers). These are the steps that fill the table again; <see cref="EnrolmentFiguresKeeping"/>
/// runs them.
/// </summary>
public interface IEnrolmentFiguresStore
{
    /// <summary>
    /// Completes up to <paramref name="max"/> enrolments' report sort keys from their stored figures, where the figures
    /// are kept but the keys are not (as after the migration that added the keys); returns how many.
    /// </summary>
    Task<int> CopyStoredSortKeysAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> enrolments whose row is absent, claimed or past its moment at <paramref name="nowUtc"/>.</summary>
    Task<IReadOnlyList<int>> PickAsync(int max, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the enrolments' rows as being computed under <paramref name="claim"/> (the report then computes them live).
    /// A write that changes a figure deletes the claim with the row, so <see cref="StoreAsync"/> can tell.
    /// </summary>
    Task ClaimAsync(IReadOnlyList<int> enrolmentIds, long claim, CancellationToken cancellationToken = default);

    /// <summary>The enrolments' figures computed live at <paramref name="nowUtc"/>, as the report computes them, with their
    /// released outcomes.</summary>
    Task<IReadOnlyList<EnrolmentFigures>> ComputeAsync(IReadOnlyList<int> enrolmentIds, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Stores each row still claimed under <paramref name="claim"/>; returns how many were stored.</summary>
    Task<int> StoreAsync(IReadOnlyList<EnrolmentFigures> figures, long claim, CancellationToken cancellationToken = default);
}

/// <summary>
/// Fills the figures kept per enrolment in batches: picks absent or expired rows, claims them, computes them with the
/// report's own SQL and stores those still claimed. A figure written meanwhile deleted its row and claim, so what was
/// computed before that write is dropped rather than stored, and the row is picked again on the next turn.
/// </summary>
public sealed class EnrolmentFiguresKeeping(IEnrolmentFiguresStore store, IOptions<ReportsOptions> options, TimeProvider time, ILogger<EnrolmentFiguresKeeping> logger)
{
    /// <summary>Runs batches until none is left or <see cref="ReportsOptions.FiguresBatchesPerRun"/> have run; returns the rows stored.</summary>
    public async Task<int> FillAsync(CancellationToken cancellationToken = default)
    {
        var batchSize = Math.Clamp(options.Value.FiguresBatchSize, 1, 1000);
        var stored = 0;
        for (var run = 0; run < Math.Max(1, options.Value.FiguresBatchesPerRun); run++)
        {
            // Keys of figures already stored are copied, not computed again: a batch of copies is a turn of its own.
            if (await store.CopyStoredSortKeysAsync(batchSize, cancellationToken) > 0)
            {
                continue;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var ids = await store.PickAsync(batchSize, now, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var claim = Random.Shared.NextInt64(1, long.MaxValue);
            await store.ClaimAsync(ids, claim, cancellationToken);
            var figures = await store.ComputeAsync(ids, now, cancellationToken);
            var written = await store.StoreAsync(figures, claim, cancellationToken);
            stored += written;
            logger.LogDebug("Completion figures: {Stored} of {Picked} enrolments stored", written, ids.Count);
            if (ids.Count < batchSize)
            {
                break;
            }
        }

        return stored;
    }
}
