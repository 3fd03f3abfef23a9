using System.Globalization;
using Npq.Core.Time;

namespace Npq.Data.Reporting;

/// <summary>
/// Counts the tasks handed in on time from the "submitted&gt;due" pairs the report's query lists for a row (see
/// <see cref="ReportSql.InstantDatePairs"/>). A due date is a date-only deadline in the cohort's time zone: a task
/// is on time when its first submission, a UTC instant, falls on or before that date on the cohort's clock. One
/// instance reads one result set and keeps each zone it has looked up.
/// </summary>
internal sealed class SubmittedTasks
{
    private readonly Dictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);

    public int CountOnTime(string pairs, string? cohortTimeZone)
    {
        var zone = Zone(cohortTimeZone);
        var count = 0;
        var text = pairs.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var pair = text[range];
            var separator = pair.IndexOf('>');
            if (separator < 0)
            {
                continue;
            }

            var submittedUtc = DateTime.Parse(pair[..separator], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var due = pair[(separator + 1)..];
            var dueOn = DateOnly.Parse(due.Length > 10 ? due[..10] : due, CultureInfo.InvariantCulture);
            if (IsOnTime(submittedUtc, dueOn, zone))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>On time: the submission's date on the cohort's clock is the due date or earlier.</summary>
    public static bool IsOnTime(DateTime submittedUtc, DateOnly dueOn, TimeZoneInfo cohortZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(submittedUtc, DateTimeKind.Utc), cohortZone)) <= dueOn;

    private TimeZoneInfo Zone(string? id)
    {
        var key = id ?? string.Empty;
        if (!_zones.TryGetValue(key, out var zone))
        {
            // An unknown id reads as UTC, as everywhere else in Npq (ZonedTime never throws on stored ids).
            zone = ZonedTime.Find(id);
            _zones[key] = zone;
        }

        return zone;
    }
}
