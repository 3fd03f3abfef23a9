using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;

namespace Npq.Tests.Core.Accounts;

public sealed class AuditLogViewerTests
{
    private const int ProviderId = 3;
    private Mock<IAuditLogReader> _audit = null!;
    private Mock<IUserRepository> _users = null!;

    private AuditLogViewer Viewer => new(_audit.Object, _users.Object);

    [SetUp]
    public void Defaults()
    {
        _audit = new Mock<IAuditLogReader>();
        _users = new Mock<IUserRepository>();
        _audit.Setup(a => a.GetActionsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([AccountAuditActions.SignIn]);
        _audit.Setup(a => a.FilterAsync(It.IsAny<AuditFilter>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AuditPage([], 0));
    }

    [Test]
    public async Task View_DatesAsOneUtcDayEach_FiltersTheHalfOpenRangeOfTheAdminsProvider()
    {
        await Viewer.ViewAsync(ProviderId, new AuditQuery(" account.sign-in ", null, "2026-10-01", " 2026-10-02 ", 2));

        _audit.Verify(a => a.FilterAsync(
            new AuditFilter("account.sign-in", null, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 3, 0, 0, 0, DateTimeKind.Utc), ProviderId),
            AuditLogViewer.PageSize, AuditLogViewer.PageSize, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase("from", "not-a-date", null, "Enter the ‘from’ date as a real date, for example 2026-10-01")]
    [TestCase("to", null, "01/10/2026", "Enter the ‘to’ date as a real date, for example 2026-10-01")]
    [TestCase("to", "2026-10-02", "2026-10-01", "The ‘to’ date must be the same as or after the ‘from’ date")]
    public async Task View_BadDates_SaysWhyAndReadsNoEntries(string field, string? from, string? to, string message)
    {
        var view = await Viewer.ViewAsync(ProviderId, new AuditQuery(null, null, from, to));

        Assert.That(view.Errors, Is.EqualTo(new[] { new AuditQueryError(field, message) }));
        Assert.That(view.Entries, Is.Empty);
        _audit.Verify(a => a.FilterAsync(It.IsAny<AuditFilter>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task View_PersonOfAnotherProvider_IsAnsweredAsNobody()
    {
        _users.Setup(u => u.FindByNormalizedEmailAsync("OUTSIDER@ELSEWHERE.EXAMPLE", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AppUser { Id = 8, ProviderId = ProviderId + 1 });

        var view = await Viewer.ViewAsync(ProviderId, new AuditQuery(null, " outsider@elsewhere.example ", null, null));

        Assert.That(view.Errors, Is.EqualTo(new[] { new AuditQueryError("user", "No one has that email address") }));
        Assert.That(view.User, Is.EqualTo("outsider@elsewhere.example"));
        _audit.Verify(a => a.FilterAsync(It.IsAny<AuditFilter>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task View_OwnPerson_FiltersByThemAndNamesThePeopleInTheEntries()
    {
        _users.Setup(u => u.FindByNormalizedEmailAsync("CANDIDATE@NPQ.EXAMPLE", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AppUser { Id = 5, ProviderId = ProviderId });
        _users.Setup(u => u.FindByIdsAsync(It.Is<IReadOnlyCollection<int>>(ids => ids.Order().SequenceEqual(new[] { 1, 5 })), It.IsAny<CancellationToken>())).ReturnsAsync(
            [new AppUser { Id = 1, DisplayName = "Sam Price", Email = "admin@npq.example" }, new AppUser { Id = 5, DisplayName = "Amira Haddad", Email = "candidate@npq.example" }]);
        var entry = new AuditEntry { Id = 1, ActorUserId = 1, Action = AccountAuditActions.Deactivated, Subject = AuditEntry.UserSubject(5) };
        _audit.Setup(a => a.FilterAsync(It.Is<AuditFilter>(f => f.UserId == 5 && f.ProviderId == ProviderId), 0, 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AuditPage([entry], 51));

        var view = await Viewer.ViewAsync(ProviderId, new AuditQuery(null, "candidate@npq.example", null, null));

        Assert.That(view.Errors, Is.Empty);
        Assert.That(view.Entries, Is.EqualTo(new[] { entry }));
        Assert.That((view.Page, view.PageCount, view.Total), Is.EqualTo((1, 3, 51)));
        _users.Verify(u => u.FindByIdAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "the page's people in one query, not one each");
        Assert.That(view.Names, Is.EqualTo(new Dictionary<int, string> { [1] = "Sam Price (admin@npq.example)", [5] = "Amira Haddad (candidate@npq.example)" }));
        Assert.That(view.Actions, Is.EqualTo(new[] { AccountAuditActions.SignIn }));
    }

    [Test]
    public async Task View_PagePastTheEnd_ShowsPageOneAtTheSizeAskedFor()
    {
        var entry = new AuditEntry { Id = 9, Action = AccountAuditActions.SignIn };
        _audit.Setup(a => a.FilterAsync(It.IsAny<AuditFilter>(), 0, 100, It.IsAny<CancellationToken>())).ReturnsAsync(new AuditPage([entry], 3));
        _audit.Setup(a => a.FilterAsync(It.IsAny<AuditFilter>(), 900, 100, It.IsAny<CancellationToken>())).ReturnsAsync(new AuditPage([], 3));

        var view = await Viewer.ViewAsync(ProviderId, new AuditQuery(null, null, null, null, 10, 100));

        Assert.That((view.Page, view.PageCount, view.Total, view.Entries.Single()), Is.EqualTo((1, 1, 3, entry)));
    }

    [Test]
    public async Task View_MalformedRequest_ReadsNoEntries()
    {
        var view = await Viewer.ViewAsync(ProviderId, new AuditQuery(null, null, null, null), wellFormed: false);

        Assert.That(view.Total, Is.Zero);
        _audit.Verify(a => a.FilterAsync(It.IsAny<AuditFilter>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("user:12", 12)]
    [TestCase("user:-1", null)]
    [TestCase("user:", null)]
    [TestCase("cohort:12", null)]
    [TestCase(null, null)]
    public void SubjectUserId_OfASubject_IsThePersonItNames(string? subject, int? expected) =>
        Assert.That(AuditEntry.SubjectUserId(subject), Is.EqualTo(expected));
}
