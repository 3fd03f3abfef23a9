namespace Npq.Core.Portfolio;

/// <summary>
/// One piece of a candidate's portfolio: what they did (title, date, reflection in markdown) and the framework
/// statements it shows. A draft can be edited; a recorded item is counted in coverage and read-only until the
/// candidate returns it to draft (every change goes in the evidence log).
/// </summary>
public sealed record EvidenceItem
{
    public int Id { get; init; }
    public int CandidateUserId { get; init; }
    public required string Title { get; init; }
    public DateOnly EvidenceDate { get; init; }
    public string Reflection { get; init; } = string.Empty;
    public bool IsDraft { get; init; } = true;
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; } = 1;
    public IReadOnlyList<string> StatementIds { get; init; } = [];
}

/// <summary>An evidence item as a list shows it.</summary>
public sealed record EvidenceSummary
{
    public int Id { get; init; }
    public required string Title { get; init; }
    public DateOnly EvidenceDate { get; init; }
    public bool IsDraft { get; init; }
    public int StatementCount { get; init; }
}

/// <summary>A file attached to an evidence item, kept in the file store under <see cref="StoredName"/>.</summary>
public sealed record EvidenceFile
{
    public int Id { get; init; }
    public int EvidenceId { get; init; }
    public required string StoredName { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public DateTime UploadedUtc { get; init; }
    public int UploadedByUserId { get; init; }
}

/// <summary>One line of an evidence item's append-only history.</summary>
public sealed record EvidenceLogEntry
{
    public int Id { get; init; }
    public int EvidenceId { get; init; }
    public DateTime OccurredUtc { get; init; }
    public int ActorUserId { get; init; }
    public string ActorName { get; init; } = string.Empty;
    public required string Action { get; init; }
    public string? Detail { get; init; }
}

/// <summary>The actions written to the evidence log.</summary>
public static class EvidenceActions
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Autosaved = "autosaved";
    public const string Recorded = "recorded";
    public const string ReturnedToDraft = "returned-to-draft";
    public const string FileAdded = "file-added";
    public const string FileRemoved = "file-removed";
}

/// <summary>What an edit changed, for the log: field names and statement ids only, never the text itself.</summary>
public static class EvidenceChanges
{
    public static string? Describe(EvidenceItem before, EvidenceItem after)
    {
        var parts = new List<string>();
        if (before.Title != after.Title)
        {
            parts.Add("title");
        }

        if (before.EvidenceDate != after.EvidenceDate)
        {
            parts.Add("date");
        }

        if (before.Reflection != after.Reflection)
        {
            parts.Add("reflection");
        }

        var added = after.StatementIds.Except(before.StatementIds, StringComparer.OrdinalIgnoreCase).ToList();
        var removed = before.StatementIds.Except(after.StatementIds, StringComparer.OrdinalIgnoreCase).ToList();
        if (added.Count > 0)
        {
            parts.Add("statements added: " + string.Join(", ", added));
        }

        if (removed.Count > 0)
        {
            parts.Add("statements removed: " + string.Join(", ", removed));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

/// <summary>The outcome of saving a row two people (or two tabs) may change.</summary>
public enum SaveOutcome
{
    Saved,
    Conflict,
    NotFound,
}
