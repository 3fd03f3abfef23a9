using Microsoft.Extensions.Logging;
using Npq.Core.Portfolio;

namespace Npq.Core.Materials;

/// <summary>What marking an item done did.</summary>
public enum DoneOutcome
{
    Done,

    /// <summary>The item is not the candidate's to open (404).</summary>
    NotFound,

    /// <summary>This kind completes in its own way (a video by watching, a check by passing, a reflection by answering).</summary>
    NotThisKind,
}

/// <summary>The progress each kind of item records. Completing is idempotent: the first completion time is kept.</summary>
public sealed partial class Studying
{
    /// <summary>The most ranges one report may carry (a page sends a few; more is not a page).</summary>
    public const int MaxRangesPerReport = 200;

    public const string BlankAnswer = "Write your answer before you save it.";
    public const string AnswerRecorded =
        "Your answer is recorded evidence now, so it is no longer changed from here. Return the evidence to draft in your portfolio to change it.";

    /// <summary>Marks a page, file or link done.</summary>
    public async Task<DoneOutcome> MarkDoneAsync(int candidateUserId, int cohortId, int itemId, CancellationToken cancellationToken = default)
    {
        var reach = await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken);
        if (reach is null)
        {
            return DoneOutcome.NotFound;
        }

        if (reach.Item.Kind is not (ItemKind.Page or ItemKind.File or ItemKind.Link))
        {
            return DoneOutcome.NotThisKind;
        }

        if (reach.Progress?.IsComplete != true)
        {
            await studies.MarkCompleteAsync(candidateUserId, itemId, time.GetUtcNow().UtcDateTime, cancellationToken);
            logger.LogInformation("Material item {ItemId} completed by {UserId} in cohort {CohortId}", itemId, candidateUserId, cohortId);
        }

        return DoneOutcome.Done;
    }

    /// <summary>
    /// A video's progress as its page reports it (every few seconds while playing, on pause and at the end): where it
    /// is, and the ranges played, merged into the seconds watched (<see cref="VideoWatch"/>); complete at 90 %. The
    /// candidate's enrolment, the item and their progress on it are read and the merge saved in one turn of the writer
    /// (one read, one write, no other statement). The first report on an item also checks it as opening the item does
    /// (its module open to the cohort); later ones need only that it is a published video of the cohort's course, which
    /// the candidate studies and has not withdrawn from. Null: 404.
    /// </summary>
    public async Task<VideoReportResult?> ReportVideoAsync(int candidateUserId, int cohortId, int itemId, VideoReport report, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (found, needsOpening, result) = await SaveReportAsync(opened: false);
        if (needsOpening)
        {
            if (await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken) is null)
            {
                return null;
            }

            (found, _, result) = await SaveReportAsync(opened: true);
        }

        if (!found || result is null)
        {
            return null;
        }

        if (result.IsComplete && !result.WasComplete)
        {
            logger.LogInformation("Material item {ItemId} completed by {UserId} in cohort {CohortId}", itemId, candidateUserId, cohortId);
        }

        return new VideoReportResult(result.Percent, result.IsComplete);

        async Task<(bool Found, bool NeedsOpening, Merged? Result)> SaveReportAsync(bool opened)
        {
            var needs = false;
            Merged? merged = null;
            var target = await studies.SaveVideoProgressAsync(candidateUserId, cohortId, itemId, target =>
            {
                if (target is not { Kind: ItemKind.Video, State: ItemState.Published })
                {
                    return null;
                }

                if (target.Progress is null && !opened)
                {
                    needs = true;
                    return null;
                }

                merged = Merge(target.Progress, report);
                return merged.Duration <= 0
                    ? null
                    : new VideoProgress(candidateUserId, itemId, merged.Position, merged.Duration, merged.Map!, merged.IsComplete, now);
            }, cancellationToken);
            return (target is not null, needs, merged);
        }
    }

    /// <summary>A report merged into what was saved: the longest length reported, where it is, the seconds watched.</summary>
    private static Merged Merge(ItemProgress? progress, VideoReport report)
    {
        var wasComplete = progress?.IsComplete == true;
        var reported = double.IsFinite(report.DurationSeconds) ? Math.Clamp(report.DurationSeconds, 0, VideoWatch.MaxSeconds) : 0;
        // A video's length does not change: the longest length reported stands, so a later report cannot shrink it.
        var duration = Math.Max(progress?.DurationSeconds ?? 0, reported);
        if (duration <= 0)
        {
            return new Merged(0, 0, null, 0, wasComplete, wasComplete);
        }

        var position = double.IsFinite(report.PositionSeconds) ? Math.Clamp(report.PositionSeconds, 0, duration) : progress?.PositionSeconds ?? 0;
        var map = VideoWatch.Merge(progress?.WatchedMap, duration, report.Ranges.Take(MaxRangesPerReport));
        var percent = VideoWatch.PercentWatched(map, duration);
        return new Merged(duration, position, map, percent, wasComplete || percent >= VideoWatch.CompletePercent, wasComplete);
    }

    private sealed record Merged(double Duration, double Position, string? Map, int Percent, bool IsComplete, bool WasComplete);

    /// <summary>
    /// Answers a reflection prompt. The first answer becomes a draft evidence item in the candidate's portfolio (titled
    /// as the item, the answer as its reflection, linked to the item's statements) and completes the item. Answering
    /// again updates that same draft's reflection (its title and statements are left as the candidate has them); once
    /// the candidate has recorded it, it is theirs to change in the portfolio and the answer here is refused. Null: 404.
    /// </summary>
    public async Task<ReflectionResult?> AnswerReflectionAsync(int candidateUserId, int cohortId, int itemId, string? answer, CancellationToken cancellationToken = default)
    {
        var reach = await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken);
        if (reach is not { Item.Kind: ItemKind.Reflection })
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(answer))
        {
            return new ReflectionResult(false, reach.Progress?.EvidenceId, BlankAnswer);
        }

        if (answer.Length > EvidenceRules.MaxReflection)
        {
            return new ReflectionResult(false, reach.Progress?.EvidenceId, $"Your answer is longer than {EvidenceRules.MaxReflection:N0} characters; shorten it.");
        }

        var existing = await OwnEvidenceAsync(candidateUserId, reach.Progress, cancellationToken);
        int evidenceId;
        if (existing is { IsDraft: false })
        {
            return new ReflectionResult(false, existing.Id, AnswerRecorded);
        }

        if (existing is not null)
        {
            var input = new EvidenceInput
            {
                Title = existing.Title, EvidenceDate = existing.EvidenceDate, Reflection = answer, StatementIds = existing.StatementIds, Record = false,
            };
            var write = await evidence.UpdateAsync(existing, input, existing.Version, candidateUserId, formValid: true, cancellationToken);
            if (!write.Saved)
            {
                return new ReflectionResult(false, existing.Id, write.Problems.FirstOrDefault()?.Message ?? EvidenceService.EditConflict);
            }

            evidenceId = existing.Id;
        }
        else
        {
            var input = new EvidenceInput { Title = reach.Item.Title, Reflection = answer, StatementIds = reach.Item.StatementIds };
            evidenceId = await evidence.CreateDraftAsync(candidateUserId, input, candidateUserId, cancellationToken);
        }

        await studies.SetReflectionEvidenceAsync(candidateUserId, itemId, evidenceId, time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Reflection {ItemId} answered by {UserId} as evidence {EvidenceId}", itemId, candidateUserId, evidenceId);
        return new ReflectionResult(true, evidenceId, null);
    }

    /// <summary>
    /// Marks an attempt at a knowledge check (<see cref="KnowledgeCheck.Mark"/>) and keeps it; attempts are unlimited,
    /// the best score is kept and the item is complete once an attempt passes. Null: 404.
    /// </summary>
    public async Task<CheckOutcome?> SubmitCheckAsync(
        int candidateUserId, int cohortId, int itemId, IReadOnlyDictionary<string, IReadOnlyList<string>> chosen, CancellationToken cancellationToken = default)
    {
        var reach = await ReachAsync(candidateUserId, cohortId, itemId, cancellationToken);
        if (reach is not { Item.Kind: ItemKind.KnowledgeCheck })
        {
            return null;
        }

        var questions = KnowledgeCheck.Read(reach.Item.Questions);
        var result = KnowledgeCheck.Mark(questions, chosen);
        var answers = result.Questions.ToDictionary(q => q.Question.Id, q => q.Chosen);
        var now = time.GetUtcNow().UtcDateTime;
        await studies.AddAttemptAsync(
            new KnowledgeCheckAttempt(0, itemId, candidateUserId, result.ScorePercent, KnowledgeCheck.WriteAnswers(answers), now), result.Passed, cancellationToken);
        var wasComplete = reach.Progress?.IsComplete == true;
        if (result.Passed && !wasComplete)
        {
            logger.LogInformation("Material item {ItemId} completed by {UserId} in cohort {CohortId}", itemId, candidateUserId, cohortId);
        }

        return new CheckOutcome(result, Math.Max(reach.Progress?.BestScorePercent ?? 0, result.ScorePercent), wasComplete || result.Passed);
    }
}
