using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Discussions;
using Npq.Core.Notifications;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Discussions;

public sealed class DiscussionPostingTests
{
    private InlineWrites Writes { get; set; } = new();

    private static readonly DateTime Now = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);
    private Mock<IDiscussionRepository> _repository = null!;
    private Mock<INotifier> _notifier = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));

    private DiscussionPosting Posting() => new(_repository.Object, _notifier.Object, Writes, _time, NullLogger<DiscussionPosting>.Instance);

    private static Topic Topic(TopicKind kind) => new() { Id = 5, CohortId = 9, Kind = kind, Title = kind.ToString() };

    [SetUp]
    public void Readers()
    {
        _repository = new Mock<IDiscussionRepository>();
        _notifier = new Mock<INotifier>();
        _repository.Setup(r => r.GetReadersAsync(9, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new SpaceReader { UserId = 1, DisplayName = "Amira" }, new SpaceReader { UserId = 2, DisplayName = "Ben" }, new SpaceReader { UserId = 3, DisplayName = "Priya" }]);
    }

    [Test]
    public async Task RateLimited_WhenThisPostIsTheSixthInThePersonsMinute_AndNothingIsWritten()
    {
        _repository.Setup(r => r.CountPostInWindowAsync(1, Now, TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>())).ReturnsAsync(6);

        var result = await Posting().StartThreadAsync(Topic(TopicKind.General), new Viewer(1, false), "Title", "Body");

        Assert.That(result.Outcome, Is.EqualTo(PostingOutcome.RateLimited));
        Assert.That(result.Problems[PostingRules.BodyField], Does.Contain("Wait a minute"));
        _repository.Verify(r => r.AddThreadAsync(It.IsAny<NewThread>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Announcement_NotifiesEveryReaderButItsAuthor()
    {
        _repository.Setup(r => r.AddThreadAsync(It.IsAny<NewThread>(), It.IsAny<CancellationToken>())).ReturnsAsync((40, 400));

        var result = await Posting().StartThreadAsync(Topic(TopicKind.Announcements), new Viewer(3, true), "Webinar moved", "Thursday");

        Assert.That(result.Outcome, Is.EqualTo(PostingOutcome.Done));
        _notifier.Verify(n => n.NotifyAsync(1, "announcement", "Announcement: Webinar moved", "/discussions/posts/400", It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(2, "announcement", It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(3, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Announcement_ByACandidate_IsNotAllowed()
    {
        var result = await Posting().StartThreadAsync(Topic(TopicKind.Announcements), new Viewer(1, false), "Mine", "No");

        Assert.That(result.Outcome, Is.EqualTo(PostingOutcome.NotAllowed));
    }

    [Test]
    public async Task Reply_NotifiesMentionedReadersOnce_NotTheAuthor()
    {
        var thread = new ThreadHeader { Id = 40, CohortId = 9, Title = "Audits", TopicKind = TopicKind.General };
        _repository.Setup(r => r.AddReplyAsync(It.IsAny<NewReply>(), It.IsAny<CancellationToken>())).ReturnsAsync(401);

        await Posting().ReplyAsync(thread, new Viewer(1, false), "@Ben and @Ben and @Amira and @[Zed](99)", null);

        _notifier.Verify(n => n.NotifyAsync(2, "mention", "You were mentioned in Audits", "/discussions/posts/401", It.IsAny<CancellationToken>()), Times.Once);
        _notifier.Verify(n => n.NotifyAsync(It.Is<int>(id => id != 2), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Reply_WithAMention_IsOneUnitOfWrites_WithoutOne_IsOneWriteAndNoReadersQuery()
    {
        var thread = new ThreadHeader { Id = 40, CohortId = 9, Title = "Audits", TopicKind = TopicKind.General };
        var seen = new List<string>();
        _repository.Setup(r => r.AddReplyAsync(It.IsAny<NewReply>(), It.IsAny<CancellationToken>())).Callback(() => seen.Add("reply " + Writes.InUnit)).ReturnsAsync(401);
        _notifier.Setup(n => n.NotifyAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback(() => seen.Add("notification " + Writes.InUnit)).Returns(Task.CompletedTask);

        await Posting().ReplyAsync(thread, new Viewer(1, false), "Thanks, agreed", null);
        _repository.Verify(r => r.GetReadersAsync(It.IsAny<int>(), It.IsAny<int?>(), It.IsAny<CancellationToken>()), Times.Never, "no mention, no readers to look up");
        await Posting().ReplyAsync(thread, new Viewer(1, false), "Thanks @Ben", null);

        Assert.That(seen, Is.EqualTo(new[] { "reply False", "reply True", "notification True" }));
    }

    [Test]
    public async Task Edit_AfterTheWindow_ByTheAuthor_IsNotAllowed_ByAModerator_KeepsHistory()
    {
        var post = new PostContext { PostId = 7, ThreadId = 40, AuthorUserId = 1, CreatedUtc = Now.AddMinutes(-31) };

        var late = await Posting().EditAsync(post, new Viewer(1, false), "New text");
        var moderator = await Posting().EditAsync(post, new Viewer(3, true), "Moderated text");

        Assert.That((late.Outcome, moderator.Outcome), Is.EqualTo((PostingOutcome.NotAllowed, PostingOutcome.Done)));
        _repository.Verify(r => r.EditAsync(7, "Moderated text", 3, Now, It.IsAny<CancellationToken>()), Times.Once);
        _repository.Verify(r => r.EditAsync(7, "New text", It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Answer_OnlyTheStarterOrAModerator_NeverTheOpeningPost()
    {
        var reply = new PostContext { PostId = 8, ThreadId = 40, AuthorUserId = 2, ThreadAuthorUserId = 1, FirstPostId = 7 };
        _repository.Setup(r => r.GetThreadAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(new ThreadHeader { Id = 40 });

        Assert.That(await Posting().MarkAnswerAsync(reply, new Viewer(2, false)), Is.False, "the reply's own author did not start the thread");
        Assert.That(await Posting().MarkAnswerAsync(reply with { PostId = 7 }, new Viewer(1, false)), Is.False);
        Assert.That(await Posting().MarkAnswerAsync(reply, new Viewer(1, false)), Is.True);
        _repository.Verify(r => r.SetAnswerAsync(40, 8, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void HiddenPost_ShowsNoTextToOtherReaders_AndItsReasonToItsAuthor()
    {
        var thread = new ThreadHeader { Id = 40, FirstPostId = 7 };
        var post = new Post { Id = 8, ThreadId = 40, AuthorUserId = 2, Body = "Rude words", HiddenUtc = Now, HiddenReason = "Be kind" };

        var other = DiscussionReading.View(post, thread, new Viewer(1, false), Now, []);
        var author = DiscussionReading.View(post, thread, new Viewer(2, false), Now, []);
        var moderator = DiscussionReading.View(post, thread, new Viewer(3, true), Now, []);

        Assert.That((other.Html, other.Post.HiddenReason), Is.EqualTo(("", (string?)null)));
        Assert.That((author.Html, author.Post.HiddenReason), Is.EqualTo(("", "Be kind")));
        Assert.That(moderator.Html, Does.Contain("Rude words"));
    }
}
