namespace Npq.Core.Discussions;

/// <summary>A new thread: its topic, author, title and opening post.</summary>
public sealed record NewThread(int TopicId, int AuthorUserId, string Title, string Body, DateTime NowUtc);

/// <summary>A new reply to a thread, perhaps quoting another post of it.</summary>
public sealed record NewReply(int ThreadId, int AuthorUserId, string Body, int? QuotedPostId, DateTime NowUtc);

/// <summary>Cohorts' discussion spaces, their topics, threads and posts, and who may read them (implemented in Npq.Data).</summary>
public interface IDiscussionRepository
{
    /// <summary>The cohort with its course; null when there is no such cohort.</summary>
    Task<SpaceCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The person's standing in the cohort (enrolled and not withdrawn, facilitating, administering, their group).</summary>
    Task<Standing> GetStandingAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the cohorts' spaces the person reads (enrolled and not withdrawn, facilitating or mentoring on it, or
    /// an admin of its provider), by course, then cohort name, and how many there are: a provider admin reads every
    /// cohort of the provider a page at a time, then any cohort they take part in at another provider.
    /// </summary>
    Task<(int Total, IReadOnlyList<SpaceCohort> Rows)> GetSpacesPageAsync(int userId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the cohort's missing topics (general, announcements, one per module of its course's programme, one per
    /// study group), each once whatever the number of callers; existing topics are left alone.
    /// </summary>
    Task EnsureTopicsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Every topic of the cohort in order, with its thread count and the posts by others the person has not read.</summary>
    Task<IReadOnlyList<TopicLine>> GetTopicsAsync(int cohortId, int userId, CancellationToken cancellationToken = default);

    Task<Topic?> GetTopicAsync(int topicId, CancellationToken cancellationToken = default);

    /// <summary>A page of the topic's threads, pinned first then the latest post first, with what the person has not read; and how many in all.</summary>
    Task<(int Total, IReadOnlyList<ThreadSummary> Rows)> GetThreadsAsync(int topicId, int userId, int skip, int take, CancellationToken cancellationToken = default);

    Task<ThreadHeader?> GetThreadAsync(int threadId, CancellationToken cancellationToken = default);

    /// <summary>A page of the thread's posts in order (opening post first), with whether the viewer marked each helpful.</summary>
    Task<IReadOnlyList<Post>> GetPostsAsync(int threadId, int viewerUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The thread's posts after <paramref name="afterPostId"/>, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<Post>> GetPostsAfterAsync(int threadId, int afterPostId, int viewerUserId, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many of the thread's posts come before the post with this id: the thread's post count less the posts from
    /// this one on, so finding the page of a new or recent post reads a few rows however long the thread.
    /// </summary>
    Task<int> CountPostsBeforeAsync(int threadId, int postId, CancellationToken cancellationToken = default);

    Task<Post?> GetPostAsync(int postId, CancellationToken cancellationToken = default);

    Task<PostContext?> GetPostContextAsync(int postId, CancellationToken cancellationToken = default);

    /// <summary>The earlier texts of a post, oldest first.</summary>
    Task<IReadOnlyList<PostEdit>> GetEditsAsync(int postId, CancellationToken cancellationToken = default);

    /// <summary>The highest post id of the thread the person has read (0 for none).</summary>
    Task<int> GetReadMarkerAsync(int threadId, int userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a post (or an attempt at one) by the person in their rate-limit window and returns how many the window
    /// holds with it. A window opens with the first post after the last one closed and lasts <paramref name="window"/>;
    /// the count is one statement on the person's own row, whatever the limit or how much they have posted before.
    /// </summary>
    Task<int> CountPostInWindowAsync(int userId, DateTime nowUtc, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Everyone who can read the cohort's space, or only its study group's (members, facilitators and admins).</summary>
    Task<IReadOnlyList<SpaceReader>> GetReadersAsync(int cohortId, int? studyGroupId, CancellationToken cancellationToken = default);

    /// <summary>Adds a thread and its opening post; the author has read it. Returns the thread's and the post's ids.</summary>
    Task<(int ThreadId, int PostId)> AddThreadAsync(NewThread thread, CancellationToken cancellationToken = default);

    /// <summary>Adds a reply and moves the thread's latest post on; the author has read it. Returns the post's id.</summary>
    Task<int> AddReplyAsync(NewReply reply, CancellationToken cancellationToken = default);

    /// <summary>Replaces a post's text, keeping the previous text in its history.</summary>
    Task EditAsync(int postId, string body, int editorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Marks a post deleted by its author; the row stays so the thread keeps its shape.</summary>
    Task DeleteAsync(int postId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Marks or unmarks a post helpful for the person; true when it is now marked.</summary>
    Task<bool> ToggleHelpfulAsync(int postId, int userId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null clears) the thread's answer.</summary>
    Task SetAnswerAsync(int threadId, int? postId, CancellationToken cancellationToken = default);

    /// <summary>Moves the person's read marker on the thread forward to <paramref name="postId"/> (never back); whether it moved.</summary>
    Task<bool> MarkReadAsync(int threadId, int userId, int postId, CancellationToken cancellationToken = default);

    /// <summary>Marks every thread of the topics read up to its latest post for the person.</summary>
    Task MarkAllReadAsync(IReadOnlyCollection<int> topicIds, int userId, CancellationToken cancellationToken = default);

    /// <summary>The course-wide space of the course (its name, framework; <see cref="SpaceCohort.IsCourseSpace"/>) while it is switched on; null when off or no such course.</summary>
    Task<SpaceCohort?> GetCourseSpaceAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>The course-wide spaces (switched on) the person reads: a candidate not withdrawn, facilitator or mentor of any cohort of the course, or an admin of its provider.</summary>
    Task<IReadOnlyList<SpaceCohort>> GetCourseSpacesForAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>The person's standing in the course's course-wide space over all its cohorts; <see cref="Standing.Nobody"/> while it is off.</summary>
    Task<Standing> GetCourseStandingAsync(int courseId, int userId, CancellationToken cancellationToken = default);

    /// <summary>Makes the course-wide space's missing topics (general, announcements), each once whatever the number of callers.</summary>
    Task EnsureCourseTopicsAsync(int courseId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Every topic of the course-wide space in order, with thread counts and what the person has not read.</summary>
    Task<IReadOnlyList<TopicLine>> GetCourseTopicsAsync(int courseId, int userId, CancellationToken cancellationToken = default);

    /// <summary>Everyone who can read the course-wide space (empty while off), each candidate with their cohort's name.</summary>
    Task<IReadOnlyList<SpaceReader>> GetCourseReadersAsync(int courseId, CancellationToken cancellationToken = default);
}

/// <summary>Reports, hiding, locking, pinning and moving (implemented in Npq.Data).</summary>
public interface IDiscussionModerationRepository
{
    Task<int> ReportAsync(int postId, int reporterUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The cohort's open reports (study groups' too), oldest first.</summary>
    Task<IReadOnlyList<ReportLine>> GetOpenReportsAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The course-wide space's open reports, oldest first.</summary>
    Task<IReadOnlyList<ReportLine>> GetCourseOpenReportsAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>Hides a post with a reason its author is shown, and resolves its open reports.</summary>
    Task HideAsync(int postId, int moderatorUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Resolves a post's open reports without hiding it.</summary>
    Task DismissReportsAsync(int postId, int moderatorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task SetLockedAsync(int threadId, bool locked, CancellationToken cancellationToken = default);

    Task SetPinnedAsync(int threadId, bool pinned, CancellationToken cancellationToken = default);

    Task MoveAsync(int threadId, int topicId, CancellationToken cancellationToken = default);
}

/// <summary>A cohort's study groups (implemented in Npq.Data).</summary>
public interface IStudyGroupRepository
{
    /// <summary>The cohort's groups in order, each with its members by name.</summary>
    Task<IReadOnlyList<StudyGroup>> GetGroupsAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The cohort's candidates who have not withdrawn, by name.</summary>
    Task<IReadOnlyList<SpaceReader>> GetCandidatesAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>True once anyone has posted in any of the cohort's study groups.</summary>
    Task<bool> AnyGroupPostsAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the cohort's groups (and their empty topics) with these, in order.</summary>
    Task ReplaceGroupsAsync(int cohortId, IReadOnlyList<IReadOnlyList<int>> members, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Puts a candidate in a group of the cohort, or (null) in none.</summary>
    Task SetMemberAsync(int cohortId, int userId, int? groupId, CancellationToken cancellationToken = default);
}
