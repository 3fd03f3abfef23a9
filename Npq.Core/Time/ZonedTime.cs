using System.Collections.Concurrent;
using System.Globalization;

namespace Npq.Core.Time;

/// <summary>
/// Turning stored UTC instants into the times people read, in a named IANA zone. Every time Npq shows is
/// shown in the cohort's zone and the viewer's own, each named ("09:00 Dubai time").
/// </summary>
public static class ZonedTime
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    // Zones found by id, and their names. TimeZoneInfo's own look-up takes a process-wide lock on every call, and a
    // page formats dozens of times (each Format looked the zone up twice): under load that lock was a measurable part
    // of the dashboard's time. Only ids the system knows are kept, so the map is bounded by the system's zone list
    // whatever is typed; an unknown id takes the slow path each time (and is UTC).
    private static readonly ConcurrentDictionary<string, (TimeZoneInfo Zone, string Name)> Known = new(StringComparer.Ordinal);

    private static bool TryKnown(string? ianaId, out (TimeZoneInfo Zone, string Name) known)
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            known = default;
            return false;
        }

        if (Known.TryGetValue(ianaId, out known))
        {
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone))
        {
            return false;
        }

        known = (zone, ianaId is "UTC" or "Etc/UTC" ? "UTC" : $"{ianaId[(ianaId.LastIndexOf('/') + 1)..].Replace('_', ' ')} time");
        Known.TryAdd(ianaId, known);
        return true;
    }

    /// <summary>The zone for an IANA id, or UTC when the id is unknown (never throws on user input).</summary>
    public static TimeZoneInfo Find(string? ianaId) => TryKnown(ianaId, out var known) ? known.Zone : TimeZoneInfo.Utc;

    public static bool IsKnown(string? ianaId) => TryKnown(ianaId, out _);

    /// <summary>"Dubai time", "London time", "UTC": how a zone is named next to a time.</summary>
    public static string Name(string? ianaId) => TryKnown(ianaId, out var known) ? known.Name : "UTC";

    /// <summary>The wall-clock time in a zone for a UTC instant.</summary>
    public static DateTime ToLocal(DateTime utc, string? ianaId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(ianaId));

    /// <summary>
    /// The UTC instant for a wall-clock time in a zone. A time that does not exist (the hour skipped when clocks go
    /// forward) moves forward by the gap; an ambiguous one (clocks go back) takes the first occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime local, string? ianaId)
    {
        var zone = Find(ianaId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(unspecified);
            var larger = offsets.Max();
            return DateTime.SpecifyKind(unspecified - larger, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>"Mon 5 Oct 2026, 09:00 Dubai time".</summary>
    public static string Format(DateTime utc, string? ianaId) => Formatted(utc, ianaId, timeOnly: false);

    /// <summary>"09:00 Dubai time".</summary>
    public static string FormatTime(DateTime utc, string? ianaId) => Formatted(utc, ianaId, timeOnly: true);

    /// <summary>
    /// Writes what <see cref="Format"/> (or, <paramref name="timeOnly"/>, <see cref="FormatTime"/>) gives into
    /// <paramref name="destination"/>, for pages that write many times straight to the response; false when it does
    /// not fit.
    /// </summary>
    public static bool TryFormat(Span<char> destination, out int written, DateTime utc, string? ianaId, bool timeOnly) =>
        TryFormatLocal(destination, out written, ToLocal(utc, ianaId), ianaId, timeOnly);

    /// <summary>
    /// As <see cref="TryFormat"/>, for a wall-clock time already found in the zone (<see cref="ToLocal"/>): a card that
    /// shows its time in two zones compares their dates too, and converts each once.
    /// </summary>
    public static bool TryFormatLocal(Span<char> destination, out int written, DateTime localTime, string? ianaId, bool timeOnly)
    {
        written = 0;
        if (!localTime.TryFormat(destination, out var local, timeOnly ? TimeFormat : DateTimeFormat, British))
        {
            return false;
        }

        var name = Name(ianaId);
        if (destination.Length < local + 1 + name.Length)
        {
            return false;
        }

        destination[local] = ' ';
        name.CopyTo(destination[(local + 1)..]);
        written = local + 1 + name.Length;
        return true;
    }

    /// <summary>
    /// An instant as ISO 8601 in UTC, "2026-10-05T09:00:00Z" (what a page's <c>datetime</c> and its scripts read), written
    /// into <paramref name="destination"/>; false when it does not fit. The sortable standard format has a fast path the
    /// custom "yyyy-MM-ddTHH:mm:ssZ" lacks (parsed on every call: a list of sessions writes four instants a card).
    /// </summary>
    public static bool TryFormatUtcIso(Span<char> destination, out int written, DateTime utc)
    {
        written = 0;
        if (!utc.TryFormat(destination, out var sortable, "s", CultureInfo.InvariantCulture) || destination.Length <= sortable)
        {
            return false;
        }

        destination[sortable] = 'Z';
        written = sortable + 1;
        return true;
    }

    /// <summary>What <see cref="TryFormatUtcIso"/> writes, as a string (always 20 characters: a four-digit year).</summary>
    public static string UtcIso(DateTime utc) => string.Create(20, utc, static (text, instant) => TryFormatUtcIso(text, out _, instant));

    /// <summary>"Mon 5 Oct 2026": a calendar date, which has no zone and never shifts.</summary>
    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, British);

    /// <summary>Writes what <see cref="FormatDate"/> gives into <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryFormatDate(Span<char> destination, out int written, DateOnly date) =>
        date.TryFormat(destination, out written, DateFormat, British);

    private const string DateTimeFormat = "ddd d MMM yyyy, HH:mm";
    private const string TimeFormat = "HH:mm";
    private const string DateFormat = "ddd d MMM yyyy";

    private static string Formatted(DateTime utc, string? ianaId, bool timeOnly)
    {
        Span<char> text = stackalloc char[128];
        return TryFormat(text, out var written, utc, ianaId, timeOnly)
            ? new string(text[..written])
            : $"{ToLocal(utc, ianaId).ToString(timeOnly ? TimeFormat : DateTimeFormat, British)} {Name(ianaId)}";
    }

    /// <summary>
    /// The instant a date-only deadline ends: midnight at the end of that date in the cohort's zone.
    /// Stored as the date plus the zone, so it never shifts a day; this is only for comparisons with "now".
    /// </summary>
    public static DateTime EndOfDayUtc(DateOnly date, string? ianaId) =>
        ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), ianaId);

    /// <summary>Today's date in a zone.</summary>
    public static DateOnly Today(DateTime utcNow, string? ianaId) => DateOnly.FromDateTime(ToLocal(utcNow, ianaId));
}
