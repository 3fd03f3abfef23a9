using Npq.Core.Time;
using Npq.Core.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Core.Webinars;

public sealed class SessionScheduleTests
{
    private static DateTime Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Test]
    public void Occurrences_WeeklyLondonSeriesAcrossAutumnClockChange_KeepsNineOClockLondon()
    {
        // British Summer Time ends on Sunday 25 October 2026.
        var starts = SessionSchedule.Occurrences(new DateOnly(2026, 10, 14), new TimeOnly(9, 0), "Europe/London", Recurrence.Weekly, 3);

        Assert.That(starts, Is.EqualTo(new[] { Utc(2026, 10, 14, 8), Utc(2026, 10, 21, 8), Utc(2026, 10, 28, 9) }));
        Assert.That(starts.Select(s => ZonedTime.FormatTime(s, "Europe/London")), Has.All.EqualTo("09:00 London time"));
    }

    [Test]
    public void Occurrences_FortnightlyLondonSeriesAcrossSpringClockChange_KeepsNineOClockLondon()
    {
        // British Summer Time starts on Sunday 29 March 2026.
        var starts = SessionSchedule.Occurrences(new DateOnly(2026, 3, 18), new TimeOnly(9, 0), "Europe/London", Recurrence.Fortnightly, 2);

        Assert.That(starts, Is.EqualTo(new[] { Utc(2026, 3, 18, 9), Utc(2026, 4, 1, 8) }));
    }

    [Test]
    public void Occurrences_DubaiSeriesOverTheLondonClockChange_StaysAtTheSameUtcTime()
    {
        var starts = SessionSchedule.Occurrences(new DateOnly(2026, 10, 14), new TimeOnly(18, 0), "Asia/Dubai", Recurrence.Weekly, 3);

        Assert.That(starts, Has.All.Matches<DateTime>(s => s.Hour == 14 && s.Minute == 0));
        Assert.That(starts.Select(s => ZonedTime.FormatTime(s, "Europe/London")), Is.EqualTo(new[] { "15:00 London time", "15:00 London time", "14:00 London time" }));
    }

    [Test]
    public void Occurrences_Once_IgnoresTheCount()
    {
        Assert.That(SessionSchedule.Occurrences(new DateOnly(2026, 11, 2), new TimeOnly(9, 0), "Asia/Dubai", Recurrence.Once, 10), Has.Count.EqualTo(1));
    }

    [Test]
    public void Occurrences_TooMany_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionSchedule.Occurrences(new DateOnly(2026, 11, 2), new TimeOnly(9, 0), "Asia/Dubai", Recurrence.Weekly, 53));
    }

    [Test]
    public void Time_ViewerInBogota_NamesBothZonesAcrossTheDateLine()
    {
        // 28 Oct 2026 09:00 London (GMT) is 04:00 in Bogotá (UTC-5), the same day.
        var html = Render(TimeHtml.Time(null!, Utc(2026, 10, 28, 9), "Europe/London", "America/Bogota"));
        Assert.That(html, Does.Contain("Wed 28 Oct 2026, 09:00 London time"));
        Assert.That(html, Does.Contain("(04:00 Bogota time for you)"));

        // 18:00 Dubai is 09:00 in Bogotá; 02:00 Dubai on 29 Oct is the evening before in Bogotá, so the date is shown.
        var late = Render(TimeHtml.Time(null!, Utc(2026, 10, 28, 22), "Asia/Dubai", "America/Bogota"));
        Assert.That(late, Does.Contain("Thu 29 Oct 2026, 02:00 Dubai time"));
        Assert.That(late, Does.Contain("(Wed 28 Oct 2026, 17:00 Bogota time for you)"));
    }

    [TestCase("https://zoom.us/j/123", true)]
    [TestCase("http://zoom.us/j/123", false)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase("zoom.us/j/123", false)]
    [TestCase("", false)]
    public void IsHttpsUrl_AcceptsOnlyAbsoluteHttps(string url, bool expected) =>
        Assert.That(SessionSchedule.IsHttpsUrl(url), Is.EqualTo(expected));

    [Test]
    public void CanJoin_OpensFifteenMinutesBeforeAndClosesAtTheEnd()
    {
        var session = new WebinarSession { Title = "t", StartUtc = Utc(2026, 11, 2, 14), DurationMinutes = 60, JoinUrl = "https://meet.example/x" };

        Assert.That(session.CanJoin(Utc(2026, 11, 2, 13, 44), 15), Is.False);
        Assert.That(session.CanJoin(Utc(2026, 11, 2, 13, 45), 15), Is.True);
        Assert.That(session.CanJoin(Utc(2026, 11, 2, 14, 59), 15), Is.True);
        Assert.That(session.CanJoin(Utc(2026, 11, 2, 15, 0), 15), Is.False);
        Assert.That((session with { Status = SessionStatus.Cancelled }).CanJoin(Utc(2026, 11, 2, 14), 15), Is.False);
    }

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return System.Net.WebUtility.HtmlDecode(writer.ToString());
    }
}
