using Npq.Core.Time;

namespace Npq.Tests.Core.Time;

public sealed class ZonedTimeTests
{
    [Test]
    public void Format_NamesTheZone()
    {
        var utc = new DateTime(2026, 10, 5, 5, 0, 0, DateTimeKind.Utc);

        Assert.That(ZonedTime.Format(utc, "Asia/Dubai"), Is.EqualTo("Mon 5 Oct 2026, 09:00 Dubai time"));
        Assert.That(ZonedTime.FormatTime(utc, "Europe/London"), Is.EqualTo("06:00 London time"));
        Assert.That(ZonedTime.FormatTime(utc, "America/Bogota"), Is.EqualTo("00:00 Bogota time"));
    }

    [Test]
    public void ToUtc_LondonAcrossTheClockChange_KeepsTheWallClock()
    {
        var beforeChange = ZonedTime.ToUtc(new DateTime(2026, 10, 19, 9, 0, 0), "Europe/London");
        var afterChange = ZonedTime.ToUtc(new DateTime(2026, 10, 26, 9, 0, 0), "Europe/London");

        Assert.That(beforeChange, Is.EqualTo(new DateTime(2026, 10, 19, 8, 0, 0, DateTimeKind.Utc)));
        Assert.That(afterChange, Is.EqualTo(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void ToUtc_SkippedHour_MovesForwardAndAmbiguousHourTakesTheFirst()
    {
        Assert.That(ZonedTime.ToUtc(new DateTime(2026, 3, 29, 1, 30, 0), "Europe/London"), Is.EqualTo(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc)));
        Assert.That(ZonedTime.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0), "Europe/London"), Is.EqualTo(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void EndOfDayUtc_DateOnlyDeadline_EndsAtMidnightInTheCohortsZone()
    {
        var deadline = new DateOnly(2026, 12, 11);

        Assert.That(ZonedTime.EndOfDayUtc(deadline, "Asia/Dubai"), Is.EqualTo(new DateTime(2026, 12, 11, 20, 0, 0, DateTimeKind.Utc)));
        Assert.That(ZonedTime.EndOfDayUtc(deadline, "America/Bogota"), Is.EqualTo(new DateTime(2026, 12, 12, 5, 0, 0, DateTimeKind.Utc)));
        Assert.That(ZonedTime.FormatDate(deadline), Is.EqualTo("Fri 11 Dec 2026"));
    }

    [Test]
    public void Find_UnknownZone_FallsBackToUtcWithoutThrowing()
    {
        Assert.That(ZonedTime.Find("Not/AZone"), Is.EqualTo(TimeZoneInfo.Utc));
        Assert.That(ZonedTime.Name("Not/AZone"), Is.EqualTo("UTC"));
    }

    [Test]
    public void UtcIso_IsTheInstantInUtcToTheSecond_AsTheCustomIsoFormatWritesIt()
    {
        DateTime[] instants =
        [
            new(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc), new(2026, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
            new(2026, 3, 29, 1, 30, 7, DateTimeKind.Unspecified), DateTime.MinValue, DateTime.MaxValue,
        ];

        Assert.That(instants.Select(ZonedTime.UtcIso),
            Is.EqualTo(instants.Select(t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(ZonedTime.UtcIso(instants[0]), Is.EqualTo("2026-10-05T09:00:00Z"));
    }

    [Test]
    public void TryFormatUtcIso_TooShortABuffer_IsFalse()
    {
        Span<char> text = stackalloc char[19];

        Assert.That(ZonedTime.TryFormatUtcIso(text, out var written, new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc)), Is.False);
        Assert.That(written, Is.Zero);
    }
}
