using System.Globalization;
using System.Text;

namespace Npq.Core.Webinars;

/// <summary>One event in a calendar file.</summary>
public sealed record IcsEvent
{
    /// <summary>Stable for the life of the session, so updates replace the calendar's copy.</summary>
    public required string Uid { get; init; }
    public required string Summary { get; init; }
    public string? Description { get; init; }
    public string? Location { get; init; }
    public string? Url { get; init; }
    public DateTime StartUtc { get; init; }
    public DateTime EndUtc { get; init; }
    public int Sequence { get; init; }
    public bool Cancelled { get; init; }
    public DateTime LastModifiedUtc { get; init; }
}

/// <summary>
/// Writes RFC 5545 calendars: times in UTC (the "Z" form, which needs no VTIMEZONE), text escaped, content lines
/// folded at 75 octets without splitting a UTF-8 character, CRLF line ends.
/// </summary>
public static class IcsWriter
{
    public const string ProductId = "-//Npq//Webinars//EN";

    public static string Write(string calendarName, IEnumerable<IcsEvent> events, DateTime stampUtc)
    {
        var builder = new StringBuilder();
        Line(builder, "BEGIN:VCALENDAR");
        Line(builder, "VERSION:2.0");
        Line(builder, "PRODID:" + ProductId);
        Line(builder, "CALSCALE:GREGORIAN");
        Line(builder, "METHOD:PUBLISH");
        Line(builder, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in events)
        {
            Line(builder, "BEGIN:VEVENT");
            Line(builder, "UID:" + Escape(e.Uid));
            Line(builder, "DTSTAMP:" + Utc(stampUtc));
            Line(builder, "DTSTART:" + Utc(e.StartUtc));
            Line(builder, "DTEND:" + Utc(e.EndUtc));
            Line(builder, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            Line(builder, "LAST-MODIFIED:" + Utc(e.LastModifiedUtc));
            Line(builder, "SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Description))
            {
                Line(builder, "DESCRIPTION:" + Escape(e.Description));
            }

            if (!string.IsNullOrWhiteSpace(e.Location))
            {
                Line(builder, "LOCATION:" + Escape(e.Location));
            }

            if (!string.IsNullOrWhiteSpace(e.Url))
            {
                Line(builder, "URL:" + e.Url);
            }

            Line(builder, "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
            Line(builder, "END:VEVENT");
        }

        Line(builder, "END:VCALENDAR");
        return builder.ToString();
    }

    /// <summary>TEXT values: backslash, semicolon and comma escaped, line breaks as \n.</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// A content line folded so no physical line exceeds 75 octets: continuation lines start with one space
    /// (which counts towards their 75).
    /// </summary>
    public static string Fold(string line)
    {
        var builder = new StringBuilder();
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                builder.Append("\r\n ");
                octets = 1;
            }

            builder.Append(rune.ToString());
            octets += size;
        }

        return builder.ToString();
    }

    private static void Line(StringBuilder builder, string line) => builder.Append(Fold(line)).Append("\r\n");

    private static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
