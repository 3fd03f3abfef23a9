namespace Npq.Core.Materials;

/// <summary>The kinds of item a module holds.</summary>
public enum ItemKind
{
    /// <summary>Markdown through the one safe pipeline, with images.</summary>
    Page,

    /// <summary>A PDF, slide deck or document, checked by content and downloaded.</summary>
    File,

    /// <summary>An MP4 or WebM, streamed with range requests, with WebVTT captions and a transcript.</summary>
    Video,

    /// <summary>An http(s) address outside Npq.</summary>
    Link,

    /// <summary>A question whose answer becomes a draft evidence item linked to the item's statements.</summary>
    Reflection,

    /// <summary>A few multiple-choice or true/false questions, retried freely, the best score kept.</summary>
    KnowledgeCheck,
}

public enum ItemState
{
    Draft,
    Published,
}

/// <summary>When a module opens for a cohort.</summary>
public enum ReleaseRule
{
    /// <summary>On the cohort's opening date for it.</summary>
    OnDate,

    /// <summary>When the candidate has completed the previous module (the first module is open at once).</summary>
    AfterPrevious,

    /// <summary>On the date, and only once the previous module is complete.</summary>
    OnDateAndAfterPrevious,
}

/// <summary>A module of a course's programme.</summary>
public sealed record MaterialModule
{
    public int Id { get; init; }
    public int CourseId { get; init; }
    public int Position { get; init; }
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public ReleaseRule ReleaseRule { get; init; }
    public int Version { get; init; } = 1;
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
}

/// <summary>An item of a module, with the framework statements it teaches.</summary>
public sealed record MaterialItem
{
    public int Id { get; init; }
    public int ModuleId { get; init; }
    public int Position { get; init; }
    public ItemKind Kind { get; init; }
    public string Title { get; init; } = "";
    public ItemState State { get; init; }

    /// <summary>The page's markdown, the reflection's prompt, or the introduction of any other kind.</summary>
    public string Body { get; init; } = "";

    /// <summary>A link's address (http or https only).</summary>
    public string? Url { get; init; }

    public string? FileStoredName { get; init; }
    public string? FileName { get; init; }
    public string? FileContentType { get; init; }
    public long? FileBytes { get; init; }

    /// <summary>A video's WebVTT captions in the file store: required before a video can be published.</summary>
    public string? CaptionsStoredName { get; init; }

    /// <summary>A video's transcript (markdown), shown beneath it.</summary>
    public string Transcript { get; init; } = "";

    /// <summary>A knowledge check's questions as JSON (<see cref="KnowledgeCheck"/> reads and writes it).</summary>
    public string Questions { get; init; } = "";

    public int Version { get; init; } = 1;
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public DateTime? PublishedUtc { get; init; }

    public IReadOnlyList<string> StatementIds { get; init; } = [];

    public bool IsPublished => State == ItemState.Published;
}

/// <summary>A course's whole programme: its modules in order, each with its items in order. Immutable, so a cache may
/// hand one instance to every reader.</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record Programme(int CourseId, IReadOnlyList<ProgrammeModule> Modules)
{
    public IEnumerable<MaterialItem> Items => Modules.SelectMany(m => m.Items);

    public ProgrammeModule? ModuleOf(int itemId) => Modules.FirstOrDefault(m => m.Items.Any(i => i.Id == itemId));

    /// <summary>The programme as candidates see it: published items only.</summary>
    public Programme PublishedOnly() =>
        this with { Modules = Modules.Select(m => m with { Items = m.Items.Where(i => i.IsPublished).ToList() }).ToList() };
}

public sealed record ProgrammeModule(MaterialModule Module, IReadOnlyList<MaterialItem> Items);

/// <summary>When a module opens for one cohort.</summary>
public sealed record ModuleRelease(int CohortId, int ModuleId, DateOnly? OpensOn, DateTime? OpenedEarlyUtc, int? OpenedEarlyByUserId);

/// <summary>A candidate's progress on one item.</summary>
public sealed record ItemProgress
{
    public int CandidateUserId { get; init; }
    public int ItemId { get; init; }
    public bool IsComplete { get; init; }
    public double? PositionSeconds { get; init; }
    public double? DurationSeconds { get; init; }

    /// <summary>The seconds of a video watched, a bit per second (see <see cref="VideoWatch"/>).</summary>
    public string? WatchedMap { get; init; }

    public int? BestScorePercent { get; init; }
    public int Attempts { get; init; }
    public int? EvidenceId { get; init; }
    public DateTime? CompletedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
}

/// <summary>One knowledge-check attempt: the answers chosen (JSON: question id → option ids) and its score.</summary>
public sealed record KnowledgeCheckAttempt(int Id, int ItemId, int CandidateUserId, int ScorePercent, string Answers, DateTime SubmittedUtc);

/// <summary>An image a course's pages show.</summary>
public sealed record MaterialAsset(int Id, int CourseId, string StoredName, string FileName, string ContentType, long SizeBytes, int UploadedByUserId, DateTime UploadedUtc);
