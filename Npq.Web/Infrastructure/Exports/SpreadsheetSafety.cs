namespace Npq.Web.Infrastructure.Exports;

/// <summary>
/// Spreadsheet programs run a cell that starts with = + - @ (or a tab or line break before one) as a formula.
/// Every text cell Npq exports goes through <see cref="Neutralise"/>, which puts an apostrophe in front, so a
/// name like <c>=HYPERLINK(…)</c> arrives as inert text.
/// </summary>
public static class SpreadsheetSafety
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r', '\n'];

    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? string.Empty;
        }

        return Array.IndexOf(Triggers, value[0]) >= 0 ? "'" + value : value;
    }
}
