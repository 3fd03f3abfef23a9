using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Text;

namespace Npq.Core.Discussions;

/// <summary>
/// Reading cohorts' spaces: the spaces a person reads, a space's topics with unread counts, a topic's threads, a
/// thread's posts page by page (reading a page moves the reader's marker on), the posts since the last one seen (for
/// the live updates) and the first unread one. Access is checked before these are called (the web feature's handler);
/// what each shows still depends on the viewer (hidden posts, study groups).
/// </summary>
public sealed class DiscussionReading(
    IDiscussionRepository discussions, IDiscussionAttachmentRepository attachments, IFrameworkCatalog frameworks, IUserTimeZones timeZones, TimeProvider time)
{
    public const int ThreadsPerPage = 25;
    public const int PostsPerPage = 25;
    public const int SinceLimit = 50;

    /// <summary>
    /// One page of the cohorts' spaces the person reads (<paramref name="skip"/>, <paramref name="take"/>) and how many
    /// there are, then the course-wide spaces (switched on) they read: a provider admin reads every cohort of the
    /// provider, so the cohorts come a page at a time.
    /// </summary>
    public async Task<SpacesPage> SpacesPageAsync(int userId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (total, cohorts) = await discussions.GetSpacesPageAsync(userId, skip, take, cancellationToken);
        return new SpacesPage(cohorts, total, await discussions.GetCourseSpacesForAsync(userId, cancellationToken));
    }

    public Task<SpaceCohort?> FindCohortAsync(int cohortId, CancellationToken cancellationToken = default) => discussions.GetCohortAsync(cohortId, cancellationToken);

    /// <summary>The course's course-wide space while it is switched on; null otherwise.</summary>
    public Task<SpaceCohort?> FindCourseSpaceAsync(int courseId, CancellationToken cancellationToken = default) => discussions.GetCourseSpaceAsync(courseId, cancellationToken);

    /// <summary>The space a topic, thread or post is in: its cohort's, or its course's course-wide space (null once that is off).</summary>
    public Task<SpaceCohort?> FindSpaceAsync(int cohortId, int? courseSpaceId, CancellationToken cancellationToken = default) =>
        discussions.SpaceOfAsync(cohortId, courseSpaceId, cancellationToken);

    public Task<Topic?> FindTopicAsync(int topicId, CancellationToken cancellationToken = default) => discussions.GetTopicAsync(topicId, cancellationToken);

    public Task<ThreadHeader?> FindThreadAsync(int threadId, CancellationToken cancellationToken = default) => discussions.GetThreadAsync(threadId, cancellationToken);

    public Task<PostContext?> FindPostAsync(int postId, CancellationToken cancellationToken = default) => discussions.GetPostContextAsync(postId, cancellationToken);

    /// <summary>The cohort's space; its topics made first if missing (module topics are made lazily, the first time the space is opened after the module exists).</summary>
    public async Task<SpacePage> SpaceAsync(SpaceCohort cohort, Viewer viewer, int openReports, CancellationToken cancellationToken = default)
    {
        var standing = await discussions.StandingInAsync(cohort.CohortId, cohort.CourseSpaceId(), viewer.UserId, cancellationToken);
        if (cohort.IsCourseSpace)
        {
            await discussions.EnsureCourseTopicsAsync(cohort.CourseId, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        else
        {
            await discussions.EnsureTopicsAsync(cohort.CohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        }

        var lines = await discussions.TopicsOfAsync(cohort.CohortId, cohort.CourseSpaceId(), viewer.UserId, cancellationToken);
        var topics = lines.Where(l => l.Topic.StudyGroupId is null).ToList();
        var groups = lines.Where(l => l.Topic.StudyGroupId is { } g && standing.CanRead(g)).ToList();
        return new SpacePage(cohort, topics, groups, viewer, await timeZones.ZoneOfAsync(viewer.UserId, cancellationToken), openReports);
    }

    public async Task<TopicPage> TopicAsync(SpaceCohort cohort, Topic topic, Viewer viewer, int page, CancellationToken cancellationToken = default)
    {
        var number = Math.Max(1, page);
        var (total, rows) = await discussions.GetThreadsAsync(topic.Id, viewer.UserId, (number - 1) * ThreadsPerPage, ThreadsPerPage, cancellationToken);
        var pageCount = Math.Max(1, (total + ThreadsPerPage - 1) / ThreadsPerPage);
        if (number > pageCount)
        {
            number = pageCount;
            (total, rows) = await discussions.GetThreadsAsync(topic.Id, viewer.UserId, (number - 1) * ThreadsPerPage, ThreadsPerPage, cancellationToken);
        }

        var mayStart = PostingRules.MayPost(viewer, topic.Kind);
        return new TopicPage(cohort, topic, rows, total, number, pageCount, mayStart, viewer, await timeZones.ZoneOfAsync(viewer.UserId, cancellationToken))
        {
            Mentionable = mayStart ? await MentionableAsync(topic.CohortId, topic.CourseSpaceId, topic.StudyGroupId, viewer, cancellationToken) : [],
        };
    }

    /// <summary>A page of the thread (the last page when <paramref name="page"/> is 0); the viewer has now read up to its last post.</summary>
    public async Task<ThreadPage> ThreadAsync(SpaceCohort cohort, ThreadHeader thread, Viewer viewer, int page, int? quotePostId, CancellationToken cancellationToken = default)
    {
        var pageCount = Math.Max(1, (thread.PostCount + PostsPerPage - 1) / PostsPerPage);
        var number = page <= 0 ? pageCount : Math.Min(page, pageCount);
        var posts = await discussions.GetPostsAsync(thread.Id, viewer.UserId, (number - 1) * PostsPerPage, PostsPerPage, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var statements = StatementsOf(cohort);
        var views = new List<PostView>(posts.Count);
        posts = await WithCohortsAsync(thread.CourseSpaceId, posts, cancellationToken);
        foreach (var post in posts)
        {
            var edits = viewer.IsModerator && post.EditedUtc is not null ? await discussions.GetEditsAsync(post.Id, cancellationToken) : [];
            views.Add(View(post, thread, viewer, now, edits, statements, cohort.FrameworkCode));
        }

        views = await WithAttachmentsAsync(views, cancellationToken);

        var markerMoved = views.Count > 0 && await discussions.MarkReadAsync(thread.Id, viewer.UserId, views[^1].Post.Id, cancellationToken);

        var (quoteText, quotedId) = await QuoteAsync(thread, quotePostId, cancellationToken);
        var targets = viewer.IsModerator
            ? (await discussions.TopicsOfAsync(thread.CohortId, thread.CourseSpaceId, viewer.UserId, cancellationToken)).Select(l => l.Topic)
                .Where(t => t.Id != thread.TopicId && t.StudyGroupId == thread.StudyGroupId).ToList()
            : [];
        var mayReply = PostingRules.MayPost(viewer, thread.TopicKind, thread.IsLocked);
        return new ThreadPage(cohort, thread, views, number, pageCount, mayReply, viewer,
            await timeZones.ZoneOfAsync(viewer.UserId, cancellationToken), targets, quoteText, quotedId)
        {
            Mentionable = mayReply ? await MentionableAsync(thread.CohortId, thread.CourseSpaceId, thread.StudyGroupId, viewer, cancellationToken) : [],
            MarkerMoved = markerMoved,
        };
    }

    /// <summary>The posts after <paramref name="afterPostId"/> as the viewer sees them (at most <see cref="SinceLimit"/>); the viewer has read them.</summary>
    public async Task<IReadOnlyList<PostView>> SinceAsync(ThreadHeader thread, Viewer viewer, int afterPostId, CancellationToken cancellationToken = default, SpaceCohort? cohort = null)
    {
        var posts = await WithCohortsAsync(thread.CourseSpaceId, await discussions.GetPostsAfterAsync(thread.Id, Math.Max(0, afterPostId), viewer.UserId, SinceLimit, cancellationToken), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var statements = cohort is null ? null : StatementsOf(cohort);
        var views = await WithAttachmentsAsync(posts.Select(p => View(p, thread, viewer, now, [], statements, cohort?.FrameworkCode)).ToList(), cancellationToken);
        if (views.Count > 0)
        {
            await discussions.MarkReadAsync(thread.Id, viewer.UserId, views[^1].Post.Id, cancellationToken);
        }

        return views;
    }

    /// <summary>Where the viewer's first unread post is: its page and id (the last post when all are read).</summary>
    public async Task<(int Page, int PostId)> FirstUnreadAsync(ThreadHeader thread, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var marker = await discussions.GetReadMarkerAsync(thread.Id, viewer.UserId, cancellationToken);
        var next = (await discussions.GetPostsAfterAsync(thread.Id, marker, viewer.UserId, 1, cancellationToken)).FirstOrDefault();
        var postId = next?.Id ?? thread.LastPostId;
        var before = await discussions.CountPostsBeforeAsync(thread.Id, postId, cancellationToken);
        return (before / PostsPerPage + 1, postId);
    }

    /// <summary>The page of its thread a post is on.</summary>
    public Task<int> PageOfAsync(PostContext post, CancellationToken cancellationToken = default) => PageOfAsync(post.ThreadId, post.PostId, cancellationToken);

    /// <summary>The page of the thread the post with this id is on.</summary>
    public async Task<int> PageOfAsync(int threadId, int postId, CancellationToken cancellationToken = default) =>
        await discussions.CountPostsBeforeAsync(threadId, postId, cancellationToken) / PostsPerPage + 1;

    /// <summary>The viewer's own time zone, if they set one.</summary>
    public Task<string?> ZoneOfAsync(Viewer viewer, CancellationToken cancellationToken = default) => timeZones.ZoneOfAsync(viewer.UserId, cancellationToken);

    /// <summary>Marks every topic of the cohort the viewer reads (their study group's too) read.</summary>
    public async Task MarkAllReadAsync(SpaceCohort cohort, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var standing = await discussions.StandingInAsync(cohort.CohortId, cohort.CourseSpaceId(), viewer.UserId, cancellationToken);
        var topics = await discussions.TopicsOfAsync(cohort.CohortId, cohort.CourseSpaceId(), viewer.UserId, cancellationToken);
        var readable = topics.Where(t => standing.CanRead(t.Topic.StudyGroupId)).Select(t => t.Topic.Id).ToList();
        await discussions.MarkAllReadAsync(readable, viewer.UserId, cancellationToken);
    }

    private async Task<IReadOnlyList<SpaceReader>> MentionableAsync(int cohortId, int? courseSpaceId, int? studyGroupId, Viewer viewer, CancellationToken cancellationToken) =>
        (await discussions.ReadersOfAsync(cohortId, courseSpaceId, studyGroupId, cancellationToken)).Where(r => r.UserId != viewer.UserId).ToList();

    /// <summary>
    /// In a course-wide space, each post with its author's cohort (a candidate's cohort of the course; "course team"
    /// for its facilitators and admins; nothing for someone who no longer reads the space). Posts of a cohort's space as they are.
    /// </summary>
    private async Task<IReadOnlyList<Post>> WithCohortsAsync(int? courseSpaceId, IReadOnlyList<Post> posts, CancellationToken cancellationToken)
    {
        if (courseSpaceId is not { } course || posts.Count == 0)
        {
            return posts;
        }

        var readers = (await discussions.GetCourseReadersAsync(course, cancellationToken)).ToDictionary(r => r.UserId, r => r.CohortName ?? DiscussionText.CourseTeam);
        return posts.Select(p => p with { AuthorCohort = readers.GetValueOrDefault(p.AuthorUserId) }).ToList();
    }

    /// <summary>The posts with their attachments listed, for those whose text the viewer sees.</summary>
    private async Task<List<PostView>> WithAttachmentsAsync(List<PostView> views, CancellationToken cancellationToken)
    {
        var shown = views.Where(v => v.Html.Length > 0).Select(v => v.Post.Id).ToList();
        if (shown.Count == 0)
        {
            return views;
        }

        var byPost = (await attachments.ForPostsAsync(shown, cancellationToken)).ToLookup(a => a.PostId);
        return views.Select(v => byPost.Contains(v.Post.Id) && v.Html.Length > 0 ? v with { Attachments = byPost[v.Post.Id].ToList() } : v).ToList();
    }

    /// <summary>
    /// Finds the statements of the cohort's course's framework by id, for <c>[[statement-id]]</c> in posts: a link to
    /// the statement on its framework page, with its text.
    /// </summary>
    public StatementResolver? StatementsOf(SpaceCohort cohort)
    {
        if (cohort.FrameworkCode is not { } code || frameworks.Find(code) is not { } framework)
        {
            return null;
        }

        return id => framework.FindStatement(id) is { } statement
            ? new StatementLink($"/frameworks/{Uri.EscapeDataString(framework.Code)}/{Uri.EscapeDataString(statement.AreaSlug)}#{Uri.EscapeDataString(statement.Id)}", statement.Text)
            : null;
    }

    /// <summary>How a post shows to the viewer, with what they may do to it; <c>[[statement-id]]</c> links through
    /// <paramref name="statements"/>, which resolve in <paramref name="framework"/> (given, the rendered HTML is memoised
    /// by framework, post and text).</summary>
    public static PostView View(Post post, ThreadHeader thread, Viewer viewer, DateTime nowUtc, IReadOnlyList<PostEdit> edits, StatementResolver? statements = null, string? framework = null)
    {
        var own = post.AuthorUserId == viewer.UserId && !post.AuthorErased;
        var state = post.DeletedUtc is not null ? PostState.Deleted : post.HiddenUtc is not null ? PostState.Hidden : PostState.Shown;
        var html = state switch
        {
            PostState.Deleted => "",
            PostState.Hidden when !viewer.IsModerator => "",
            _ when framework is not null || statements is null =>
                RenderedPosts.Render(post.Id, framework ?? "", post.Body, () => SafeMarkdown.ToHtml(Mentions.ForRendering(post.Body), statements, $"post-{post.Id}")),
            _ => SafeMarkdown.ToHtml(Mentions.ForRendering(post.Body), statements, $"post-{post.Id}"),
        };
        var isOpening = post.Id == thread.FirstPostId;
        return new PostView(
            post with { HiddenReason = state == PostState.Hidden && (own || viewer.IsModerator) ? post.HiddenReason : null },
            html, state,
            MayEdit: state == PostState.Shown && PostingRules.MayEdit(viewer, post.AuthorUserId, post.CreatedUtc, post.DeletedUtc, nowUtc) && (own || viewer.IsModerator),
            MayDelete: own && state != PostState.Deleted,
            MayMarkAnswer: !isOpening && state == PostState.Shown && (viewer.IsModerator || thread.AuthorUserId == viewer.UserId),
            IsAnswer: thread.AnswerPostId == post.Id,
            IsOpening: isOpening,
            Edits: edits) { IsOwn = own };
    }

    private async Task<(string Text, int? PostId)> QuoteAsync(ThreadHeader thread, int? quotePostId, CancellationToken cancellationToken)
    {
        if (quotePostId is not { } id || await discussions.GetPostAsync(id, cancellationToken) is not { } quoted
            || quoted.ThreadId != thread.Id || quoted.DeletedUtc is not null || quoted.HiddenUtc is not null)
        {
            return ("", null);
        }

        var lines = quoted.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => "> " + l);
        return ($"> **{quoted.ShownName} wrote:**\n{string.Join('\n', lines)}\n\n", id);
    }
}

/// <summary>A page of the cohorts' spaces a person reads, how many there are in all, and the course-wide spaces they read.</summary>
public sealed record SpacesPage(IReadOnlyList<SpaceCohort> Cohorts, int CohortTotal, IReadOnlyList<SpaceCohort> CourseSpaces);
