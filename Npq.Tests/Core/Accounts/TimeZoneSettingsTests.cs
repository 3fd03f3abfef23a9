using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;

namespace Npq.Tests.Core.Accounts;

public sealed class TimeZoneSettingsTests
{
    private Mock<IUserTimeZones> _zones = null!;

    [SetUp]
    public void NewFakes() => _zones = new Mock<IUserTimeZones>();

    private TimeZoneSettings Settings => new(_zones.Object, NullLogger<TimeZoneSettings>.Instance);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Mars/Olympus_Mons")]
    public async Task Confirm_NotAZoneFromTheList_SavesNothing(string? zone)
    {
        Assert.That(await Settings.ConfirmAsync(4, zone), Is.False);
        _zones.Verify(z => z.SetAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Confirm_ZoneFromTheList_SavesIt()
    {
        Assert.That(await Settings.ConfirmAsync(4, "Asia/Dubai"), Is.True);
        _zones.Verify(z => z.SetAsync(4, "Asia/Dubai", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Get_ConfirmedZone_WinsOverTheBrowsersGuess()
    {
        _zones.Setup(z => z.GetAsync(4, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "Europe/London", Confirmed = true });

        Assert.That(await Settings.GetAsync(4, "Asia/Dubai"), Is.EqualTo(new TimeZoneChoice("Europe/London", true)));
    }

    [Test]
    public async Task Get_UnconfirmedZone_GivesWayToARealGuessOnly()
    {
        _zones.Setup(z => z.GetAsync(4, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "Europe/London", Confirmed = false });

        Assert.That(await Settings.GetAsync(4, "Asia/Dubai"), Is.EqualTo(new TimeZoneChoice("Asia/Dubai", false)));
        Assert.That(await Settings.GetAsync(4, "Not/AZone"), Is.EqualTo(new TimeZoneChoice("Europe/London", false)));
    }

    [Test]
    public async Task NeedsConfirming_OnlyWhenAZoneIsOnFileUnconfirmed()
    {
        _zones.Setup(z => z.GetAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "Asia/Dubai", Confirmed = false });
        _zones.Setup(z => z.GetAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "Asia/Dubai", Confirmed = true });

        Assert.That(await Settings.NeedsConfirmingAsync(1), Is.True);
        Assert.That(await Settings.NeedsConfirmingAsync(2), Is.False);
        Assert.That(await Settings.NeedsConfirmingAsync(3), Is.False, "nobody on file");
    }
}
