using Npq.Core.Time;

namespace Npq.Core.Webinars;

/// <summary>
/// Turns a start entered in the cohort's zone into UTC instants for a one-off session or a series. Each occurrence
/// is converted on its own date, so a series keeps its wall-clock time across daylight-saving changes
/// (09:00 London stays 09:00 London, whether that is 08:00 or 09:00 UTC).
/// </summary>
public static class SessionSchedule
{
    public const int MaxOccurrences = 52;

    public static IReadOnlyList<DateTime> Occurrences(DateOnly firstDate, TimeOnly startTime, string cohortZone, Recurrence recurrence, int count)
    {
        if (recurrence == Recurrence.Once)
        {
            count = 1;
        }

        if (count < 1 || count > MaxOccurrences)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"A series has 1 to {MaxOccurrences} sessions.");
        }

        var stepDays = recurrence == Recurrence.Fortnightly ? 14 : 7;
        var result = new List<DateTime>(count);
        for (var i = 0; i < count; i++)
        {
            var date = firstDate.AddDays(i * stepDays);
            result.Add(ZonedTime.ToUtc(date.ToDateTime(startTime), cohortZone));
        }

        return result;
    }

    /// <summary>True for an absolute https URL (the only join and recording links Npq accepts).</summary>
    public static bool IsHttpsUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host);
}
