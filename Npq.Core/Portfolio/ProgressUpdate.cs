using Npq.Core.Time;

namespace Npq.Core.Portfolio;

/// <summary>How far a candidate has come in an area, in the mentor's judgement.</summary>
public enum ProgressRating
{
    NotStarted,
    Emerging,
    Developing,
    Secure,
}

/// <summary>A mentor's regular update on one candidate: a rating per area, a narrative and next steps.</summary>
public sealed record ProgressUpdate
{
    public int Id { get; init; }
    public int CandidateUserId { get; init; }
    public int CohortId { get; init; }
    public int MentorUserId { get; init; }
    public string MentorName { get; init; } = string.Empty;
    public required string Narrative { get; init; }
    public required string NextSteps { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; } = 1;
    public IReadOnlyDictionary<string, ProgressRating> Ratings { get; init; } = new Dictionary<string, ProgressRating>();
}

/// <summary>A candidate's newest update in brief: when it was written and how many areas it gave each rating (what a
/// headteacher's home shows of it).</summary>
public sealed record LatestUpdateSummary(int CandidateUserId, DateTime CreatedUtc, IReadOnlyDictionary<ProgressRating, int> AreasByRating)
{
    /// <summary>"2 secure, 1 developing": the ratings given, the best first.</summary>
    public string DescribeRatings() => string.Join(
        ", ", AreasByRating.OrderByDescending(r => r.Key).Select(r => $"{r.Value} {ProgressSchedule.Label(r.Key).ToLowerInvariant()}"));
}

/// <summary>Whether a mentee needs an update.</summary>
public enum UpdateDue
{
    /// <summary>No more updates are expected: the candidate is deferred or withdrawn, their outcome is released, or
    /// the cohort has ended.</summary>
    NoneExpected = -1,
    NotYet,
    DueSoon,
    Overdue,
}

/// <summary>When the next progress update is due for a candidate, from the cohort's cadence.</summary>
public static class ProgressSchedule
{
    public const int DefaultEveryWeeks = 6;

    /// <summary>How many days before the due date an update shows as due.</summary>
    public const int DueSoonDays = 7;

    /// <summary>The next update is due one cadence after the last (or after the cohort started, for the first).</summary>
    public static DateOnly NextDue(DateOnly cohortStart, int everyWeeks, DateTime? lastUpdateUtc, string cohortZone)
    {
        var from = lastUpdateUtc is { } last ? ZonedTime.Today(last, cohortZone) : cohortStart;
        return from.AddDays(7 * Math.Max(1, everyWeeks));
    }

    /// <summary>Why no more updates are expected for this place, or null while they are.</summary>
    public static string? WhyNoneExpected(CandidatePlacement placement, DateTime nowUtc) =>
        placement.TrainingStatus switch
        {
            "Withdrawn" => "Withdrawn",
            "Deferred" => "Deferred",
            _ when placement.OutcomeReleased => "Outcome released",
            _ when placement.CohortEnd is { } end && ZonedTime.Today(nowUtc, placement.CohortZone) > end => "Cohort ended",
            _ => null,
        };

    public static UpdateDue Status(DateOnly nextDue, DateTime nowUtc, string cohortZone)
    {
        var today = ZonedTime.Today(nowUtc, cohortZone);
        if (today > nextDue)
        {
            return UpdateDue.Overdue;
        }

        return today >= nextDue.AddDays(-DueSoonDays) ? UpdateDue.DueSoon : UpdateDue.NotYet;
    }

    public static string Label(ProgressRating rating) => rating switch
    {
        ProgressRating.NotStarted => "Not started",
        ProgressRating.Emerging => "Emerging",
        ProgressRating.Developing => "Developing",
        ProgressRating.Secure => "Secure",
        _ => rating.ToString(),
    };
}
