namespace Npq.Core.Portfolio;

/// <summary>A standard task, or the final assessment (marked and released by the final assessment workflow).</summary>
public enum TaskKind
{
    Standard,
    Final,
}

/// <summary>An assessment task a provider sets for a course.</summary>
public sealed record AssessmentTask
{
    public int Id { get; init; }
    public int CourseId { get; init; }
    public required string Title { get; init; }
    public string Instructions { get; init; } = string.Empty;
    public TaskKind Kind { get; init; } = TaskKind.Standard;
    public int WordLimit { get; init; }
    public int MaxAttempts { get; init; } = 1;
    public bool MentorReviewsDrafts { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; } = 1;
    public IReadOnlyList<string> StatementIds { get; init; } = [];
}

/// <summary>
/// A task's dates for one cohort: calendar dates read in the cohort's zone, so a deadline never shifts a day.
/// Submissions are accepted from the start of <see cref="OpensOn"/> until the end of <see cref="CutOffOn"/>;
/// after the end of <see cref="DueOn"/> they are late.
/// </summary>
public sealed record TaskDates(int TaskId, int CohortId, DateOnly OpensOn, DateOnly DueOn, DateOnly CutOffOn)
{
    /// <summary>Why these dates cannot stand together, or null.</summary>
    public static string? Validate(DateOnly opensOn, DateOnly dueOn, DateOnly cutOffOn)
    {
        if (dueOn < opensOn)
        {
            return "The due date must be on or after the date the task opens.";
        }

        return cutOffOn < dueOn ? "The cut-off date must be on or after the due date." : null;
    }
}

/// <summary>A later due date for one candidate, granted by an admin or their mentor.</summary>
public sealed record TaskExtension(int TaskId, int CandidateUserId, DateOnly DueOn, int GrantedByUserId, DateTime GrantedUtc);

/// <summary>Counts words as a reader would: the text of the rendered markdown, split on white space.</summary>
public static class WordCount
{
    public static int Of(string? markdown) =>
        Text.SafeMarkdown.ToPlainText(markdown)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Count(w => w.Any(char.IsLetterOrDigit));
}
