using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class CalendarFeedsTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);

    private Mock<ICalendarFeedRepository> _feeds = null!;
    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IAuditLog> _audit = null!;
    private CalendarFeeds _calendar = null!;

    [SetUp]
    public void SetUp()
    {
        _feeds = new Mock<ICalendarFeedRepository>();
        _webinars = new Mock<IWebinarRepository>();
        _audit = new Mock<IAuditLog>();
        _calendar = new CalendarFeeds(_feeds.Object, _webinars.Object, _audit.Object, new FakeTimeProvider(Now), NullLogger<CalendarFeeds>.Instance);
    }

    [Test]
    public async Task CreateAsync_StoresOnlyTheTokensHashAndAudits()
    {
        var feed = await _calendar.CreateAsync(5, "10.0.0.1");

        Assert.That(feed.Token, Has.Length.EqualTo(43), "32 random bytes, base64url without padding");
        Assert.That(feed.Token, Does.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(feed.CreatedUtc, Is.EqualTo(Now));
        _feeds.Verify(f => f.ReplaceAsync(5, CalendarFeeds.Hash(feed.Token), Now, It.IsAny<CancellationToken>()), Times.Once);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "calendar.feed-created" && e.Subject == "user:5" && e.ActorUserId == 5 && e.IpAddress == "10.0.0.1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task RevokeAsync_NoLiveFeed_IsFalseAndNotAudited()
    {
        Assert.That(await _calendar.RevokeAsync(5, null), Is.False);
        _audit.VerifyNoOtherCalls();
    }

    [Test]
    public async Task RevokeAsync_LiveFeed_IsAudited()
    {
        _feeds.Setup(f => f.RevokeAsync(5, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.That(await _calendar.RevokeAsync(5, null), Is.True);
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "calendar.feed-revoked"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase("short")]
    [TestCase("unknown-token-unknown-token")]
    public async Task FeedAsync_MalformedOrUnknownToken_IsNull(string token)
    {
        Assert.That(await _calendar.FeedAsync(token, "https://npq.example"), Is.Null);
        _webinars.VerifyNoOtherCalls();
    }

    [Test]
    public async Task FeedAsync_LiveToken_IsTheOwnersSessions()
    {
        const string token = "a-live-token-of-enough-length";
        _feeds.Setup(f => f.FindLiveOwnerAsync(CalendarFeeds.Hash(token), It.IsAny<CancellationToken>())).ReturnsAsync(5);
        _webinars.Setup(w => w.GetSessionsForCalendarAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new WebinarSession { Id = 8, CohortId = 2, Title = "Culture", StartUtc = Now.AddDays(1), DurationMinutes = 60, Status = SessionStatus.Cancelled }]);
        _webinars.Setup(w => w.GetCohortAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(new SessionCohort { Id = 2, Name = "Dubai", TimeZone = "Asia/Dubai" });

        var ics = Encoding.UTF8.GetString((await _calendar.FeedAsync(token, "https://npq.example"))!);

        Assert.That(ics, Does.Contain("UID:session-8@npq.example").And.Contain("STATUS:CANCELLED").And.Contain("X-WR-CALNAME:Npq sessions"));
    }

    [Test]
    public void Hash_IsLowerCaseSha256Hex()
    {
        Assert.That(CalendarFeeds.Hash("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
