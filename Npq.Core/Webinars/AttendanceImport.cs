namespace Npq.Core.Webinars;

/// <summary>A row read from a meeting platform's attendance export, times already in UTC.</summary>
public sealed record ImportedRow(int LineNumber, string Name, string? Email, DateTime JoinUtc, DateTime LeaveUtc);

/// <summary>A row that could not be read, with the reason shown to the admin.</summary>
public sealed record MalformedRow(int LineNumber, string Reason);

/// <summary>Someone enrolled on the cohort, as the import matches them.</summary>
public sealed record RosterMember(int UserId, string DisplayName, string Email)
{
    /// <summary>An empty member whose properties are then set by name (as the data layer reads them).</summary>
    public RosterMember()
        : this(0, string.Empty, string.Empty)
    {
    }
}

/// <summary>A row matched to a candidate, and how it was matched.</summary>
public sealed record MatchedRow(ImportedRow Row, RosterMember Member, bool ByEmail);

/// <summary>What an import would write, shown before anything is written.</summary>
public sealed record ImportPreview(IReadOnlyList<MatchedRow> Matched, IReadOnlyList<ImportedRow> Unmatched, IReadOnlyList<MalformedRow> Malformed)
{
    /// <summary>The matched rows, as they are confirmed and then written.</summary>
    public IReadOnlyList<ConfirmedRow> ToConfirm() => Matched.Select(m => new ConfirmedRow(m.Member.UserId, m.Row.JoinUtc, m.Row.LeaveUtc)).ToList();
}

/// <summary>One matched row of an import, as confirmed: who, from when to when (UTC).</summary>
public sealed record ConfirmedRow(int UserId, DateTime JoinUtc, DateTime LeaveUtc);

/// <summary>Matches imported rows to the cohort's candidates: by email first, then by exact name (ignoring case).</summary>
public static class AttendanceImportMatcher
{
    public static ImportPreview Match(IEnumerable<ImportedRow> rows, IReadOnlyList<MalformedRow> malformed, IReadOnlyList<RosterMember> roster)
    {
        var byEmail = roster
            .GroupBy(m => m.Email.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        // A name shared by two candidates is not a match for either: guessing would credit the wrong person.
        var byName = roster
            .GroupBy(m => NormaliseName(m.DisplayName), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);

        var matched = new List<MatchedRow>();
        var unmatched = new List<ImportedRow>();
        foreach (var row in rows)
        {
            if (!string.IsNullOrWhiteSpace(row.Email) && byEmail.TryGetValue(row.Email.Trim(), out var member))
            {
                matched.Add(new MatchedRow(row, member, ByEmail: true));
            }
            else if (byName.TryGetValue(NormaliseName(row.Name), out member))
            {
                matched.Add(new MatchedRow(row, member, ByEmail: false));
            }
            else
            {
                unmatched.Add(row);
            }
        }

        return new ImportPreview(matched, unmatched, malformed);
    }

    /// <summary>Zoom writes renamed participants as "Display (Original Name)"; the part before the bracket is compared.</summary>
    public static string NormaliseName(string name)
    {
        var bracket = name.IndexOf(" (", StringComparison.Ordinal);
        var core = bracket > 0 ? name[..bracket] : name;
        return string.Join(' ', core.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
