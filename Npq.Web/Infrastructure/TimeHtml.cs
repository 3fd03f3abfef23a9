using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Npq.Core.Time;

namespace Npq.Web.Infrastructure;

/// <summary>
/// Razor helpers that show a time in the cohort's zone and the viewer's, each named. Lists show dozens of times, so
/// each is written straight to the response when the page is, without building strings first.
/// </summary>
public static class TimeHtml
{
    /// <summary>
    /// <c>&lt;time datetime="…Z"&gt;Mon 5 Oct 2026, 09:00 Dubai time&lt;/time&gt; (05:00 London time for you)</c>;
    /// the second part only when the viewer's zone differs.
    /// </summary>
    public static IHtmlContent Time(this IHtmlHelper html, DateTime utc, string cohortZone, string? viewerZone) => new ZonedTimeHtml(utc, cohortZone, viewerZone);

    /// <summary>A calendar date (never shifted): <c>&lt;time datetime="2026-10-05"&gt;Mon 5 Oct 2026&lt;/time&gt;</c>.</summary>
    public static IHtmlContent Date(this IHtmlHelper html, DateOnly date) => new DateHtml(date);

    private const int TextLength = 128;

    private sealed class ZonedTimeHtml(DateTime utc, string cohortZone, string? viewerZone) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => WriteTime(writer, encoder, utc, cohortZone, viewerZone);
    }

    /// <summary>Writes what <see cref="Time"/> shows, for markup written in code (<c>SessionCardsHtml</c>).</summary>
    internal static void WriteTime(TextWriter writer, HtmlEncoder encoder, DateTime utc, string cohortZone, string? viewerZone)
    {
        writer.Write("<time datetime=\"");
        WriteUtcIso(writer, utc);
        writer.Write("\">");
        Span<char> text = stackalloc char[TextLength];
        // Each zone's wall-clock time is found once, for its text and for comparing the two dates.
        var cohortTime = ZonedTime.ToLocal(utc, cohortZone);
        if (!(ZonedTime.TryFormatLocal(text, out var written, cohortTime, cohortZone, timeOnly: false) && TryWriteText(writer, encoder, text[..written])))
        {
            encoder.Encode(writer, ZonedTime.Format(utc, cohortZone));
        }

        writer.Write("</time>");
        if (!string.IsNullOrWhiteSpace(viewerZone) && ZonedTime.Name(viewerZone) != ZonedTime.Name(cohortZone))
        {
            var viewerTime = ZonedTime.ToLocal(utc, viewerZone);
            var timeOnly = viewerTime.Date == cohortTime.Date;
            writer.Write(" (");
            if (!(ZonedTime.TryFormatLocal(text, out written, viewerTime, viewerZone, timeOnly) && TryWriteText(writer, encoder, text[..written])))
            {
                encoder.Encode(writer, timeOnly ? ZonedTime.FormatTime(utc, viewerZone) : ZonedTime.Format(utc, viewerZone));
            }

            writer.Write(" for you)");
        }
    }

    /// <summary>Writes an instant as <c>2026-10-05T09:00:00Z</c>.</summary>
    internal static void WriteUtcIso(TextWriter writer, DateTime utc)
    {
        Span<char> text = stackalloc char[32];
        ZonedTime.TryFormatUtcIso(text, out var iso, utc);
        writer.Write(text[..iso]);
    }

    private sealed class DateHtml(DateOnly date) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => WriteDate(writer, encoder, date);
    }

    /// <summary>Writes what <see cref="Date"/> shows, for markup written in code (<c>CompletionTableHtml</c>, <c>MenteeTableHtml</c>).</summary>
    internal static void WriteDate(TextWriter writer, HtmlEncoder encoder, DateOnly date)
    {
        Span<char> text = stackalloc char[TextLength];
        writer.Write("<time datetime=\"");
        date.TryFormat(text, out var iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.Write(text[..iso]);
        writer.Write("\">");
        if (!(ZonedTime.TryFormatDate(text, out var written, date) && TryWriteText(writer, encoder, text[..written])))
        {
            encoder.Encode(writer, ZonedTime.FormatDate(date));
        }

        writer.Write("</time>");
    }

    /// <summary>Writes the text encoded as the page's text; false, having written nothing, when its encoding does not fit the buffer.</summary>
    private static bool TryWriteText(TextWriter writer, HtmlEncoder encoder, ReadOnlySpan<char> text)
    {
        Span<char> encoded = stackalloc char[TextLength * 4];
        if (encoder.Encode(text, encoded, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }

        writer.Write(encoded[..written]);
        return true;
    }
}
