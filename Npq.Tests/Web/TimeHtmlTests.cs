using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Time;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Web;

/// <summary>Times and dates as pages write them, straight to the response.</summary>
public sealed class TimeHtmlTests
{
    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static DateTime Utc(int day, int hour) => new(2026, 10, day, hour, 0, 0, DateTimeKind.Utc);

    [Test]
    public void ATime_IsMarkedUpWithItsInstant_AndNamesTheCohortsZone_ThenTheViewersWhenItDiffers()
    {
        Assert.That(Html(TimeHtml.Time(null!, Utc(28, 9), "Europe/London", "America/Bogota")),
            Is.EqualTo("<time datetime=\"2026-10-28T09:00:00Z\">Wed 28 Oct 2026, 09:00 London time</time> (04:00 Bogota time for you)"));
        Assert.That(Html(TimeHtml.Time(null!, Utc(28, 22), "Asia/Dubai", "America/Bogota")),
            Is.EqualTo("<time datetime=\"2026-10-28T22:00:00Z\">Thu 29 Oct 2026, 02:00 Dubai time</time> (Wed 28 Oct 2026, 17:00 Bogota time for you)"),
            "the viewer's date is shown when it is not the cohort's");
        Assert.That(Html(TimeHtml.Time(null!, Utc(28, 9), "Europe/London", "Europe/London")), Is.EqualTo("<time datetime=\"2026-10-28T09:00:00Z\">Wed 28 Oct 2026, 09:00 London time</time>"));
        Assert.That(Html(TimeHtml.Time(null!, Utc(28, 9), "Europe/London", null)), Is.EqualTo("<time datetime=\"2026-10-28T09:00:00Z\">Wed 28 Oct 2026, 09:00 London time</time>"));
        Assert.That(Html(TimeHtml.Time(null!, Utc(28, 9), "Not/AZone", "Europe/London")),
            Is.EqualTo("<time datetime=\"2026-10-28T09:00:00Z\">Wed 28 Oct 2026, 09:00 UTC</time> (09:00 London time for you)"), "a zone the system does not know is UTC");
    }

    [Test]
    public void ADate_IsMarkedUpWithItsDay_AndNeverShifts() =>
        Assert.That(Html(TimeHtml.Date(null!, new DateOnly(2026, 10, 5))), Is.EqualTo("<time datetime=\"2026-10-05\">Mon 5 Oct 2026</time>"));

    [Test]
    public void EveryZoneTheSystemKnows_IsWrittenAsItsFormattedText_Encoded()
    {
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(ZonedTime.IsKnown))
        {
            var html = Html(TimeHtml.Time(null!, Utc(5, 5), zone, null));
            Assert.That(html, Is.EqualTo($"<time datetime=\"2026-10-05T05:00:00Z\">{HtmlEncoder.Default.Encode(ZonedTime.Format(Utc(5, 5), zone))}</time>"), zone);
        }
    }

    [Test]
    public void TryFormat_GivesWhatFormatGives_OrFalseWhenItDoesNotFit()
    {
        Span<char> text = stackalloc char[64];
        Assert.That(ZonedTime.TryFormat(text, out var written, Utc(5, 5), "Asia/Dubai", timeOnly: false), Is.True);
        Assert.That(text[..written].ToString(), Is.EqualTo(ZonedTime.Format(Utc(5, 5), "Asia/Dubai")));
        Assert.That(ZonedTime.TryFormat(text, out written, Utc(5, 5), "Asia/Dubai", timeOnly: true), Is.True);
        Assert.That(text[..written].ToString(), Is.EqualTo("09:00 Dubai time"));
        Assert.That(ZonedTime.TryFormat(text[..12], out written, Utc(5, 5), "Asia/Dubai", timeOnly: false), Is.False);
        Assert.That(written, Is.Zero);
    }
}
