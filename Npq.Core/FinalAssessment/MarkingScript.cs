namespace Npq.Core.FinalAssessment;

/// <summary>An outcome proposed by an assessor, decided by a moderator, released to the candidate.</summary>
public enum MarkingOutcome
{
    Pass,
    Fail,
}

/// <summary>Whose judgement a <see cref="CriterionMark"/> is: the first assessor's or the moderator's (both kept).</summary>
public enum JudgementRole
{
    Assessor,
    Moderator,
}

/// <summary>A criterion a course's final assessment is marked against, linked to framework statements.</summary>
public sealed record AssessmentCriterion
{
    public int Id { get; init; }
    public int CourseId { get; init; }
    public int Position { get; init; }
    public required string Title { get; init; }
    public string Guidance { get; init; } = string.Empty;
    public IReadOnlyList<string> StatementIds { get; init; } = [];
}

/// <summary>One judgement of one criterion: met, not met, or not yet judged (null), with a comment.</summary>
public sealed record CriterionMark(int CriterionId, JudgementRole Role, bool? Met, string Comment);

/// <summary>A submitted attempt at a final assessment, as marking sees it.</summary>
public sealed record MarkingScript
{
    public int Id { get; init; }
    public int SubmissionId { get; init; }
    public int TaskId { get; init; }
    public int CohortId { get; init; }
    public int CandidateUserId { get; init; }

    /// <summary>The script's reference ("FA-00012"), shown instead of the candidate's name under blind marking.</summary>
    public required string Reference { get; init; }
    public MarkingState State { get; init; }
    public int? AssessorUserId { get; init; }
    public DateTime? AllocatedUtc { get; init; }
    public MarkingOutcome? AssessorOutcome { get; init; }
    public string AssessorComment { get; init; } = string.Empty;
    public DateTime? MarkedUtc { get; init; }

    /// <summary>Why the script is moderated ("proposed fail", "in the 20% sample: bucket 7"), or null when it is not.</summary>
    public string? ModerationReason { get; init; }
    public int? ModeratorUserId { get; init; }
    public MarkingOutcome? ModeratorOutcome { get; init; }
    public string ModeratorComment { get; init; } = string.Empty;
    public DateTime? ModeratedUtc { get; init; }

    /// <summary>The decision that stands: the moderator's where there is one, else the assessor's.</summary>
    public MarkingOutcome? FinalOutcome { get; init; }
    public DateTime? ReleasedUtc { get; init; }
    public int? ReleasedByUserId { get; init; }

    /// <summary>The completion date DfE's passed/failed outcome carries: the release date in the cohort's zone.</summary>
    public DateOnly? CompletionDate { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; } = 1;

    public static string ReferenceFor(int scriptId) => $"FA-{scriptId:D5}";
}

/// <summary>The rules a cohort's final assessment runs by, resolved from the cohort, its course and the defaults.</summary>
public sealed record FinalAssessmentPolicy(int AttendanceThresholdPercent, int ModerationSamplePercent, bool BlindMarking)
{
    public const int DefaultAttendanceThresholdPercent = 90;
    public const int DefaultModerationSamplePercent = 20;

    /// <summary>Why a percentage cannot be used, or null.</summary>
    public static string? ValidatePercent(int? value, string what) =>
        value is < 0 or > 100 ? $"The {what} must be a whole number from 0 to 100." : null;

    /// <summary>
    /// Reads a percentage typed into the policy form: empty means "use the default" (null, no error); otherwise a whole
    /// number from 0 to 100, a trailing "%" allowed.
    /// </summary>
    public static (int? Value, string? Error) ParsePercent(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        return int.TryParse(text.Trim().TrimEnd('%'), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && ValidatePercent(number, what) is null
            ? (number, null)
            : (null, $"The {what} must be a whole number from 0 to 100, or empty to use the default.");
    }
}

/// <summary>A stored policy row (course or cohort): nulls fall back to the level above.</summary>
public sealed record PolicyOverrides(int? AttendanceThresholdPercent, int? ModerationSamplePercent, bool? BlindMarking)
{
    public static FinalAssessmentPolicy Resolve(PolicyOverrides? cohort, PolicyOverrides? course, FinalAssessmentPolicy defaults) => new(
        cohort?.AttendanceThresholdPercent ?? course?.AttendanceThresholdPercent ?? defaults.AttendanceThresholdPercent,
        cohort?.ModerationSamplePercent ?? course?.ModerationSamplePercent ?? defaults.ModerationSamplePercent,
        cohort?.BlindMarking ?? course?.BlindMarking ?? defaults.BlindMarking);
}
