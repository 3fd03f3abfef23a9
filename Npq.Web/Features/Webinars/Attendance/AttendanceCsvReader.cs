using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Npq.Core.Time;
using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Attendance;

/// <summary>Which way round a platform writes dates such as 05/10/2026.</summary>
public enum DateOrder
{
    MonthFirst,
    DayFirst,
}

/// <summary>
/// Reads a meeting platform's attendance export. Accepts Zoom's participant report ("Name (Original Name)",
/// "User Email", "Join Time", "Leave Time") and Teams' attendance list ("Full Name" or "Name", "Email" or
/// "Participant ID (UPN)", "Join Time"/"First Join", "Leave Time"/"Last Leave"), comma or tab separated, with any
/// summary lines before the header skipped. Times are read in <paramref name="zone"/> (the zone the export was
/// made in) and converted to UTC.
/// </summary>
public static class AttendanceCsvReader
{
    private static readonly string[] NameHeaders = ["Name (Original Name)", "Name (original name)", "Full Name", "Name", "Participant", "Display Name"];
    private static readonly string[] EmailHeaders = ["User Email", "Email", "Email Address", "Participant ID (UPN)", "UPN"];
    private static readonly string[] JoinHeaders = ["Join Time", "Join time", "First Join", "First join", "Joined"];
    private static readonly string[] LeaveHeaders = ["Leave Time", "Leave time", "Last Leave", "Last leave", "Left"];

    private static readonly string[] MonthFirstFormats =
    [
        "MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy, h:mm:ss tt", "M/d/yy, h:mm:ss tt", "M/d/yyyy h:mm tt",
        "M/d/yyyy, h:mm tt", "M/d/yyyy HH:mm:ss", "M/d/yyyy, HH:mm:ss", "M/d/yyyy HH:mm",
    ];

    private static readonly string[] DayFirstFormats =
    [
        "dd/MM/yyyy HH:mm:ss", "d/M/yyyy HH:mm:ss", "d/M/yyyy, HH:mm:ss", "d/M/yy, HH:mm:ss", "d/M/yyyy HH:mm",
        "d/M/yyyy, HH:mm", "d/M/yyyy h:mm:ss tt", "d/M/yyyy, h:mm:ss tt",
    ];

    private static readonly string[] IsoFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm"];

    public sealed record Result(IReadOnlyList<ImportedRow> Rows, IReadOnlyList<MalformedRow> Malformed, string? Error);

    public static Result Read(string text, string zone, DateOrder order)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var headerIndex = Array.FindIndex(lines, l => JoinHeaders.Any(h => l.Contains(h, StringComparison.OrdinalIgnoreCase)) && NameHeaders.Any(h => l.Contains(h, StringComparison.OrdinalIgnoreCase)));
        if (headerIndex < 0)
        {
            return new Result([], [], "The file has no header row with a name and a join time. Export the participants list from Zoom or Teams and try again.");
        }

        var delimiter = lines[headerIndex].Contains('\t', StringComparison.Ordinal) ? "\t" : ",";
        var body = string.Join('\n', lines.Skip(headerIndex));
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(body);
        using var csv = new CsvReader(reader, config);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var nameColumn = Find(header, NameHeaders);
        var emailColumn = Find(header, EmailHeaders);
        var joinColumn = Find(header, JoinHeaders);
        var leaveColumn = Find(header, LeaveHeaders);
        if (nameColumn is null || joinColumn is null || leaveColumn is null)
        {
            return new Result([], [], "The header row needs a name, a join time and a leave time column.");
        }

        var rows = new List<ImportedRow>();
        var malformed = new List<MalformedRow>();
        while (csv.Read())
        {
            var line = headerIndex + csv.Parser.Row;
            var name = csv.GetField(nameColumn.Value)?.Trim() ?? string.Empty;
            var email = emailColumn is null ? null : csv.GetField(emailColumn.Value)?.Trim();
            var joinText = csv.GetField(joinColumn.Value)?.Trim() ?? string.Empty;
            var leaveText = csv.GetField(leaveColumn.Value)?.Trim() ?? string.Empty;
            if (name.Length == 0 && string.IsNullOrEmpty(email) && joinText.Length == 0)
            {
                continue;
            }

            if (name.Length == 0 && string.IsNullOrEmpty(email))
            {
                malformed.Add(new MalformedRow(line, "No name or email"));
            }
            else if (!TryParse(joinText, order, out var join))
            {
                malformed.Add(new MalformedRow(line, $"Join time “{Shorten(joinText)}” is not a date and time"));
            }
            else if (!TryParse(leaveText, order, out var leave))
            {
                malformed.Add(new MalformedRow(line, $"Leave time “{Shorten(leaveText)}” is not a date and time"));
            }
            else if (leave < join)
            {
                malformed.Add(new MalformedRow(line, "Leave time is before join time"));
            }
            else
            {
                rows.Add(new ImportedRow(line, name, string.IsNullOrEmpty(email) ? null : email, ZonedTime.ToUtc(join, zone), ZonedTime.ToUtc(leave, zone)));
            }
        }

        return new Result(rows, malformed, null);
    }

    public static bool TryParse(string text, DateOrder order, out DateTime value)
    {
        var formats = IsoFormats.Concat(order == DateOrder.MonthFirst ? MonthFirstFormats : DayFirstFormats).ToArray();
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
    }

    private static int? Find(string[] header, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var index = Array.FindIndex(header, h => string.Equals(h.Trim(), candidate, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
