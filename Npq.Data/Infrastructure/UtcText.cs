using System.Globalization;

namespace Npq.Data.Infrastructure;

/// <summary>
/// Reads an instant stored as text on SQLite. The form every write uses (<see cref="DbValues.SetInstant"/>:
/// "yyyy-MM-dd HH:mm:ss.fffffff", or with a 'T', with fewer or no fraction digits, with a trailing 'Z') is read
/// digit by digit; anything else goes to <see cref="DateTime.Parse(string, IFormatProvider, DateTimeStyles)"/> as
/// before. Both give the same instant in UTC (issue 23: the general parser was a few per cent of every list page).
/// Calendar dates ("yyyy-MM-dd", <see cref="ParseDate"/>) are read the same way.
/// </summary>
public static class UtcText
{
    public static DateTime Parse(string text) =>
        TryParseStored(text, out var value)
            ? value
            : DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);

    /// <summary>The stored form only ("yyyy-MM-dd[ T]HH:mm:ss[.f…7][Z]", a real date and time); false for anything else.</summary>
    public static bool TryParseStored(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length > 0 && s[^1] == 'Z')
        {
            s = s[..^1];
        }

        if (s.Length < 19 || s.Length == 20 || s.Length > 27
            || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
        {
            return false;
        }

        if (!Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day)
            || !Number(s, 11, 2, out var hour) || !Number(s, 14, 2, out var minute) || !Number(s, 17, 2, out var second))
        {
            return false;
        }

        var fraction = 0;
        if (s.Length > 20)
        {
            var digits = s.Length - 20;
            if (!Number(s, 20, digits, out fraction))
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
        return true;
    }

    /// <summary>
    /// A calendar date as every write stores it ("yyyy-MM-dd", <see cref="DbValues.SetDate"/>), read from the first ten
    /// characters as the date handler always has; any other text goes to <see cref="DateOnly.Parse(string, IFormatProvider)"/>
    /// as before (same date, same exception for text that is no date).
    /// </summary>
    public static DateOnly ParseDate(string text)
    {
        var first = text.Length > 10 ? text.AsSpan(0, 10) : text.AsSpan();
        return TryParseStoredDate(first, out var value) ? value : DateOnly.Parse(first, CultureInfo.InvariantCulture);
    }

    /// <summary>"yyyy-MM-dd" only, a real date; false for anything else.</summary>
    public static bool TryParseStoredDate(ReadOnlySpan<char> s, out DateOnly value)
    {
        value = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
