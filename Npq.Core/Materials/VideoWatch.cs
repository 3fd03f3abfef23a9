namespace Npq.Core.Materials;

/// <summary>
/// Which seconds of a video a candidate has watched, kept as a bit per second (base64), so seeking past a part does
/// not count it as watched and watching a part twice does not count twice. A video is complete at
/// <see cref="CompletePercent"/> of its seconds watched.
/// </summary>
public static class VideoWatch
{
    public const int CompletePercent = 90;

    /// <summary>The longest video tracked: four hours.</summary>
    public const int MaxSeconds = 4 * 60 * 60;

    /// <summary>Adds watched ranges (start and end in seconds) to a map; ranges outside the video are clipped.</summary>
    public static string Merge(string? map, double durationSeconds, IEnumerable<(double Start, double End)> ranges)
    {
        var seconds = SecondsOf(durationSeconds);
        var bits = Decode(map, seconds);
        foreach (var (start, end) in ranges)
        {
            if (double.IsNaN(start) || double.IsNaN(end) || end <= start)
            {
                continue;
            }

            var from = (int)Math.Max(0, Math.Floor(start));
            var to = (int)Math.Min(seconds, Math.Ceiling(end));
            for (var s = from; s < to; s++)
            {
                bits[s / 8] |= (byte)(1 << (s % 8));
            }
        }

        return Convert.ToBase64String(bits);
    }

    /// <summary>The whole percentage of the video's seconds watched.</summary>
    public static int PercentWatched(string? map, double durationSeconds)
    {
        var seconds = SecondsOf(durationSeconds);
        if (seconds == 0)
        {
            return 0;
        }

        var bits = Decode(map, seconds);
        var watched = 0;
        for (var s = 0; s < seconds; s++)
        {
            if ((bits[s / 8] & (1 << (s % 8))) != 0)
            {
                watched++;
            }
        }

        return (int)Math.Floor(100.0 * watched / seconds);
    }

    private static int SecondsOf(double durationSeconds) =>
        double.IsNaN(durationSeconds) || durationSeconds <= 0 ? 0 : (int)Math.Min(MaxSeconds, Math.Ceiling(durationSeconds));

    private static byte[] Decode(string? map, int seconds)
    {
        var bits = new byte[(seconds + 7) / 8];
        if (string.IsNullOrEmpty(map))
        {
            return bits;
        }

        try
        {
            var stored = Convert.FromBase64String(map);
            Array.Copy(stored, bits, Math.Min(stored.Length, bits.Length));
        }
        catch (FormatException)
        {
            // A map we cannot read counts as nothing watched.
        }

        return bits;
    }
}
