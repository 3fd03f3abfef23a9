namespace Npq.Core.Discussions;

/// <summary>What a topic is for: the cohort's general talk, announcements (only moderators post), one module of the course's materials, or a study group's private space.</summary>
public enum TopicKind
{
    General,
    Announcements,
    Module,
    Group,
}

/// <summary>A cohort whose discussion space someone reads.</summary>
public sealed record SpaceCohort
{
    public int CohortId { get; init; }
    public string CohortName { get; init; } = "";
    public string TimeZone { get; init; } = "UTC";
    public int CourseId { get; init; }
    public string CourseName { get; init; } = "";

    /// <summary>The course's framework ("npqsl"), whose statements posts may link to by id; null when it has none.</summary>
    public string? FrameworkCode { get; init; }
}

/// <summary>A topic of a cohort's space.</summary>
public sealed record Topic
{
    public int Id { get; init; }
    public int CohortId { get; init; }
    public TopicKind Kind { get; init; }
    public int? ModuleId { get; init; }
    public int? StudyGroupId { get; init; }
    public string Title { get; init; } = "";
    public int Position { get; init; }
}

/// <summary>A topic on the space page: how many threads it has and how many posts by others the viewer has not read.</summary>
public sealed record TopicLine
{
    public required Topic Topic { get; init; }
    public int Threads { get; init; }
    public int Unread { get; init; }
    public DateTime? LastPostUtc { get; init; }
}

/// <summary>A thread in a topic's list.</summary>
public sealed record ThreadSummary
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public int AuthorUserId { get; init; }
    public string AuthorName { get; init; } = "";
    public bool AuthorErased { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime LastPostUtc { get; init; }
    public int PostCount { get; init; }
    public bool IsLocked { get; init; }
    public bool IsPinned { get; init; }
    public bool HasAnswer { get; init; }
    public int Unread { get; init; }
}

/// <summary>A thread with where it lives (topic, cohort, study group): what every check on it needs.</summary>
public sealed record ThreadHeader
{
    public int Id { get; init; }
    public int TopicId { get; init; }
    public TopicKind TopicKind { get; init; }
    public string TopicTitle { get; init; } = "";
    public int CohortId { get; init; }
    public int? StudyGroupId { get; init; }
    public string Title { get; init; } = "";
    public int AuthorUserId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public bool IsLocked { get; init; }
    public bool IsPinned { get; init; }
    public int? AnswerPostId { get; init; }
    public int PostCount { get; init; }
    public int LastPostId { get; init; }
    public int FirstPostId { get; init; }
}

/// <summary>One post of a thread (its opening post or a reply), as stored.</summary>
public sealed record Post
{
    public int Id { get; init; }
    public int ThreadId { get; init; }
    public int AuthorUserId { get; init; }
    public string AuthorName { get; init; } = "";
    public bool AuthorErased { get; init; }
    public string Body { get; init; } = "";
    public int? QuotedPostId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? EditedUtc { get; init; }
    public DateTime? DeletedUtc { get; init; }
    public DateTime? HiddenUtc { get; init; }
    public string? HiddenReason { get; init; }
    public int HelpfulCount { get; init; }
    public bool HelpfulByViewer { get; init; }

    /// <summary>The name shown: "Former participant" once the author's data was erased.</summary>
    public string ShownName => AuthorErased ? DiscussionText.FormerParticipant : AuthorName;
}

/// <summary>A post with the thread and space it belongs to: what every action on one post checks.</summary>
public sealed record PostContext
{
    public int PostId { get; init; }
    public int ThreadId { get; init; }
    public int TopicId { get; init; }
    public int AuthorUserId { get; init; }
    public string Body { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public DateTime? DeletedUtc { get; init; }
    public DateTime? HiddenUtc { get; init; }
    public int CohortId { get; init; }
    public int? StudyGroupId { get; init; }
    public int ThreadAuthorUserId { get; init; }
    public int FirstPostId { get; init; }
    public bool IsLocked { get; init; }
}

/// <summary>The text a post had before an edit, for moderators.</summary>
public sealed record PostEdit
{
    public int PostId { get; init; }
    public string PreviousBody { get; init; } = "";
    public DateTime EditedUtc { get; init; }
    public string EditedByName { get; init; } = "";
}

/// <summary>Someone who can read a space (for mentions).</summary>
public sealed record SpaceReader
{
    public int UserId { get; init; }
    public string DisplayName { get; init; } = "";
}

/// <summary>An open report in the moderation queue.</summary>
public sealed record ReportLine
{
    public int ReportId { get; init; }
    public int PostId { get; init; }
    public int ThreadId { get; init; }
    public string ThreadTitle { get; init; } = "";
    public string PostBody { get; init; } = "";
    public string PostAuthorName { get; init; } = "";
    public bool PostHidden { get; init; }
    public string ReporterName { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
}

/// <summary>A study group and its members.</summary>
public sealed record StudyGroup(int Id, string Name, int Position, IReadOnlyList<SpaceReader> Members);

/// <summary>A person's standing in a cohort, read from the enrolment, facilitator and role facts.</summary>
public sealed record Standing
{
    /// <summary>Enrolled on the cohort and not withdrawn.</summary>
    public bool Enrolled { get; init; }

    /// <summary>A named facilitator of the cohort or a mentor on it (as for materials).</summary>
    public bool Facilitates { get; init; }

    /// <summary>An admin of the provider whose course the cohort is.</summary>
    public bool Administers { get; init; }

    /// <summary>The study group of the cohort the person belongs to, if any.</summary>
    public int? GroupId { get; init; }

    public static readonly Standing Nobody = new();

    /// <summary>Facilitators and admins moderate, post announcements and see every group's space.</summary>
    public bool IsModerator => Facilitates || Administers;

    /// <summary>The cohort's space (and a group's, given its id): candidates not withdrawn, facilitators, admins; a group's, only its members besides.</summary>
    public bool CanRead(int? studyGroupId) =>
        IsModerator || (Enrolled && (studyGroupId is null || GroupId == studyGroupId));
}

/// <summary>Who is acting: their id and whether they moderate the space.</summary>
public sealed record Viewer(int UserId, bool IsModerator);
