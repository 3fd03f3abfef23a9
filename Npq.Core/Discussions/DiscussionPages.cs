namespace Npq.Core.Discussions;

/// <summary>A cohort's space: its topics and, for those who may read them, its study groups' spaces.</summary>
public sealed record SpacePage(
    SpaceCohort Cohort, IReadOnlyList<TopicLine> Topics, IReadOnlyList<TopicLine> GroupTopics, Viewer Viewer, string? ViewerZone, int OpenReports)
{
    public int Unread => Topics.Sum(t => t.Unread) + GroupTopics.Sum(t => t.Unread);
}

/// <summary>A page of a topic's threads.</summary>
public sealed record TopicPage(
    SpaceCohort Cohort, Topic Topic, IReadOnlyList<ThreadSummary> Threads, int Total, int Page, int PageCount, bool MayStartThread, Viewer Viewer, string? ViewerZone)
{
    /// <summary>The people a new thread may mention: those who can read the topic's space, never anyone else.</summary>
    public IReadOnlyList<SpaceReader> Mentionable { get; init; } = [];
}

/// <summary>A post as the viewer sees it: its HTML (already through the safe pipeline) and what they may do with it.</summary>
public sealed record PostView(Post Post, string Html, PostState State, bool MayEdit, bool MayDelete, bool MayMarkAnswer, bool IsAnswer, bool IsOpening, IReadOnlyList<PostEdit> Edits)
{
    public bool IsOwn { get; init; }

    /// <summary>The files attached to the post, when the viewer sees its text (never a deleted post's, a hidden one's only for moderators).</summary>
    public IReadOnlyList<PostAttachment> Attachments { get; init; } = [];
}

/// <summary>How a post shows: as written, deleted by its author, or hidden by a moderator (with the reason for its author and moderators).</summary>
public enum PostState
{
    Shown,
    Deleted,
    Hidden,
}

/// <summary>A page of a thread's posts.</summary>
public sealed record ThreadPage(
    SpaceCohort Cohort, ThreadHeader Thread, IReadOnlyList<PostView> Posts, int Page, int PageCount, bool MayReply, Viewer Viewer, string? ViewerZone,
    IReadOnlyList<Topic> MoveTargets, string QuoteText, int? QuotedPostId)
{
    public bool IsLastPage => Page >= PageCount;

    public int LastShownPostId => Posts.Count == 0 ? 0 : Posts[^1].Post.Id;

    /// <summary>Whether showing this page moved the viewer's read marker on (their unread counts changed).</summary>
    public bool MarkerMoved { get; init; }

    /// <summary>The people a reply may mention: those who can read the thread's space, never anyone else.</summary>
    public IReadOnlyList<SpaceReader> Mentionable { get; init; } = [];
}

/// <summary>The moderation queue of a cohort.</summary>
public sealed record ModerationPage(SpaceCohort Cohort, IReadOnlyList<ReportLine> Reports, string? ViewerZone);

/// <summary>The study groups page of a cohort.</summary>
public sealed record StudyGroupsPage(SpaceCohort Cohort, IReadOnlyList<StudyGroup> Groups, IReadOnlyList<SpaceReader> Candidates, bool Regenerable);

/// <summary>What a write answered: done (with the ids it made), refused for a reason shown beside the fields, or not allowed at all.</summary>
public sealed record PostingResult(PostingOutcome Outcome, IReadOnlyDictionary<string, string> Problems, int ThreadId = 0, int PostId = 0)
{
    public static PostingResult Done(int threadId, int postId) => new(PostingOutcome.Done, new Dictionary<string, string>(), threadId, postId);

    public static PostingResult Invalid(IReadOnlyDictionary<string, string> problems) => new(PostingOutcome.Invalid, problems);

    public static readonly PostingResult NotAllowed = new(PostingOutcome.NotAllowed, new Dictionary<string, string>());

    public static PostingResult Limited(string field, int postsPerMinute = PostingRules.PostsPerMinute) =>
        new(PostingOutcome.RateLimited, new Dictionary<string, string> { [field] = PostingRules.RateLimitedAt(postsPerMinute) });
}

public enum PostingOutcome
{
    Done,
    Invalid,
    RateLimited,
    NotAllowed,
}
