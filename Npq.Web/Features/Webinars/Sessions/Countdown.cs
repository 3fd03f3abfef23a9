namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>The words the countdown starts with before its script takes over (and for people without script).</summary>
public static class Countdown
{
    public static string Describe(TimeSpan remaining)
    {
        if (remaining.TotalMinutes < 1)
        {
            return "less than a minute";
        }

        var days = (int)remaining.TotalDays;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(days == 1 ? "1 day" : $"{days} days");
        }

        if (remaining.Hours > 0)
        {
            parts.Add(remaining.Hours == 1 ? "1 hour" : $"{remaining.Hours} hours");
        }

        if (days == 0 && remaining.Minutes > 0)
        {
            parts.Add(remaining.Minutes == 1 ? "1 minute" : $"{remaining.Minutes} minutes");
        }

        return string.Join(", ", parts);
    }
}
