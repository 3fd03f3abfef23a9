using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Npq.Core.Time;

namespace Npq.Web.Infrastructure;

/// <summary>Razor helpers that show a time in the cohort's zone and the viewer's, each named.</summary>
public static class TimeHtml
{
    /// <summary>
    /// <c>&lt;time datetime="…Z"&gt;Mon 5 Oct 2026, 09:00 Dubai time&lt;/time&gt; (05:00 London time for you)</c>;
    /// the second part only when the viewer's zone differs.
    /// </summary>
    public static IHtmlContent Time(this IHtmlHelper html, DateTime utc, string cohortZone, string? viewerZone)
    {
        var iso = DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<time datetime=\"{iso}\">");
        builder.Append(ZonedTime.Format(utc, cohortZone));
        builder.AppendHtml("</time>");
        if (!string.IsNullOrWhiteSpace(viewerZone) && ZonedTime.Name(viewerZone) != ZonedTime.Name(cohortZone))
        {
            var cohortLocal = ZonedTime.ToLocal(utc, cohortZone).Date;
            var viewerLocal = ZonedTime.ToLocal(utc, viewerZone);
            var text = viewerLocal.Date == cohortLocal
                ? ZonedTime.FormatTime(utc, viewerZone)
                : ZonedTime.Format(utc, viewerZone);
            builder.Append($" ({text} for you)");
        }

        return builder;
    }

    /// <summary>A calendar date (never shifted): <c>&lt;time datetime="2026-10-05"&gt;Mon 5 Oct 2026&lt;/time&gt;</c>.</summary>
    public static IHtmlContent Date(this IHtmlHelper html, DateOnly date)
    {
        var builder = new HtmlContentBuilder();
        builder.AppendHtml($"<time datetime=\"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\">");
        builder.Append(ZonedTime.FormatDate(date));
        builder.AppendHtml("</time>");
        return builder;
    }
}
