using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Discussions;
using Npq.Core.Notifications;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Discussions;

/// <summary>The digest run: one mail per claimed person, only posts they can read now, nothing when another instance won the claim.</summary>
public sealed class DiscussionDigestsTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 18, 2, 0, DateTimeKind.Utc);
    private static readonly DateTime Due = new(2026, 10, 20, 17, 0, 0, DateTimeKind.Utc);
    private const int Hal = 7;
    private const int Cohort = 9;
    private const int HalsGroup = 3;

    private Mock<IDiscussionFollowRepository> _follows = null!;
    private Mock<IDiscussionRepository> _discussions = null!;
    private Mock<IEmailSender> _email = null!;
    private readonly List<EmailMessage> _sent = [];

    [SetUp]
    public void Arrange()
    {
        _sent.Clear();
        _follows = new Mock<IDiscussionFollowRepository>();
        _discussions = new Mock<IDiscussionRepository>();
        _email = new Mock<IEmailSender>();
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => _sent.Add(m)).Returns(Task.CompletedTask);
        var preference = new DigestPreference { UserId = Hal, Frequency = DigestFrequency.Daily, LocalTime = new TimeOnly(18, 0), NextDigestUtc = Due, LastPostId = 100 };
        _follows.SetupSequence(f => f.GetDueAsync(It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new DueDigest(preference, "Europe/London")]).ReturnsAsync([]);
        _follows.Setup(f => f.GetMaxPostIdAsync(It.IsAny<CancellationToken>())).ReturnsAsync(110);
        _follows.Setup(f => f.GetNewPostsAsync(Hal, 100, 110, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new FollowedPost { PostId = 101, ThreadId = 1, ThreadTitle = "Cohort talk", CohortId = Cohort, AuthorName = "Ann", Body = "For everyone", CreatedUtc = Now },
            new FollowedPost { PostId = 102, ThreadId = 2, ThreadTitle = "Group talk", CohortId = Cohort, StudyGroupId = 4, AuthorName = "Ben", Body = "Another group only", CreatedUtc = Now },
            new FollowedPost { PostId = 103, ThreadId = 3, ThreadTitle = "Own group", CohortId = Cohort, StudyGroupId = HalsGroup, AuthorName = "Cat", Body = "Hal's group", CreatedUtc = Now, Before = 25 },
        ]);
        _discussions.Setup(d => d.GetStandingAsync(Cohort, Hal, It.IsAny<CancellationToken>())).ReturnsAsync(new Standing { Enrolled = true, GroupId = HalsGroup });
    }

    private DiscussionDigests Digests()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(Hal, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = Hal, Email = "hal@example.org", DisplayName = "Hal", IsActive = true });
        var zones = new Mock<IUserTimeZones>();
        var mail = new DiscussionMail(users.Object, _email.Object, zones.Object, Options.Create(new DiscussionEmailOptions { PublicBaseUrl = "https://npq.example" }));
        return new DiscussionDigests(_follows.Object, _discussions.Object, mail, new InlineWrites(), new FakeTimeProvider(new DateTimeOffset(Now)), NullLogger<DiscussionDigests>.Instance);
    }

    [Test]
    public async Task ClaimedDigest_IsOneMail_WithOnlyThePostsOfSpacesThePersonReadsNow_AndTheNextTimeTomorrowAt18London()
    {
        _follows.Setup(f => f.ClaimDigestAsync(Hal, Due, It.IsAny<DateTime>(), 110, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.That(await Digests().SendDueAsync(), Is.EqualTo(1));

        Assert.That(_sent, Has.Count.EqualTo(1));
        Assert.That(_sent[0].Subject, Is.EqualTo("2 new posts in discussions you follow"));
        Assert.That(_sent[0].TextBody, Does.Contain("https://npq.example/discussions/threads/1?page=1#post-101").And.Contain("https://npq.example/discussions/threads/3?page=2#post-103"));
        Assert.That(_sent[0].TextBody, Does.Not.Contain("Another group only").And.Not.Contain("#post-102"));
        _follows.Verify(f => f.ClaimDigestAsync(Hal, Due, new DateTime(2026, 10, 21, 17, 0, 0, DateTimeKind.Utc), 110, Now, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task DigestClaimedByAnotherInstance_SendsNothing()
    {
        _follows.Setup(f => f.ClaimDigestAsync(Hal, Due, It.IsAny<DateTime>(), 110, Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.That(await Digests().SendDueAsync(), Is.Zero);
        Assert.That(_sent, Is.Empty);
        _follows.Verify(f => f.GetNewPostsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task WithdrawnSinceFollowing_GetsNoDigest()
    {
        _follows.Setup(f => f.ClaimDigestAsync(Hal, Due, It.IsAny<DateTime>(), 110, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _discussions.Setup(d => d.GetStandingAsync(Cohort, Hal, It.IsAny<CancellationToken>())).ReturnsAsync(Standing.Nobody);

        Assert.That(await Digests().SendDueAsync(), Is.Zero);
        Assert.That(_sent, Is.Empty);
    }
}
