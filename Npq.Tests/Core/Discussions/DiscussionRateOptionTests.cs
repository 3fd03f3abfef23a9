using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Discussions;
using Npq.Core.Notifications;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Discussions;

/// <summary>Discussions:PostsPerMinute sets the rate limit (the benchmark's single poster raises it); the message says the limit in force.</summary>
public sealed class DiscussionRateOptionTests
{
    private static readonly ThreadHeader Thread = new() { Id = 3, CohortId = 9, TopicKind = TopicKind.General, Title = "T" };

    private static (DiscussionPosting Posting, Mock<IDiscussionRepository> Repository) Arrange(int recent, int perMinute)
    {
        var repository = new Mock<IDiscussionRepository>();
        repository.Setup(r => r.CountPostInWindowAsync(7, It.IsAny<DateTime>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(recent + 1);
        repository.Setup(r => r.AddReplyAsync(It.IsAny<NewReply>(), It.IsAny<CancellationToken>())).ReturnsAsync(50);
        repository.Setup(r => r.GetReadersAsync(9, null, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var posting = new DiscussionPosting(repository.Object, Mock.Of<INotifier>(), new InlineWrites(), new FakeTimeProvider(), NullLogger<DiscussionPosting>.Instance,
            Options.Create(new DiscussionOptions { PostsPerMinute = perMinute }));
        return (posting, repository);
    }

    [Test]
    public async Task ARaisedLimit_LetsMorePostsThrough_AndItsMessageNamesIt()
    {
        var (under, underRepository) = Arrange(recent: 5, perMinute: 10);
        var (over, overRepository) = Arrange(recent: 10, perMinute: 10);

        var allowed = await under.ReplyAsync(Thread, new Viewer(7, false), "Hello", null);
        var limited = await over.ReplyAsync(Thread, new Viewer(7, false), "Hello", null);

        Assert.Multiple(() =>
        {
            Assert.That(allowed.Outcome, Is.EqualTo(PostingOutcome.Done));
            Assert.That(limited.Outcome, Is.EqualTo(PostingOutcome.RateLimited));
            Assert.That(limited.Problems[PostingRules.BodyField], Does.Contain("posted 10 times"));
        });
        underRepository.Verify(r => r.AddReplyAsync(It.IsAny<NewReply>(), It.IsAny<CancellationToken>()), Times.Once);
        overRepository.Verify(r => r.AddReplyAsync(It.IsAny<NewReply>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
