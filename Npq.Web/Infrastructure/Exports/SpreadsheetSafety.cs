namespace Npq.Web.Infrastructure.Exports;

/// <summary>
/// Spreadsheet programs run a cell that starts with = + - @ (or a tab or line break before one) as a formula.
/// Every CSV text cell Npq exports goes through <see cref="Neutralise"/>, which puts an apostrophe in front, so a
/// name like <c>=HYPERLINK(…)</c> arrives as inert text. Excel cells keep the text as it is and carry Excel's
/// quote-prefix style instead (<see cref="StartsLikeAFormula"/>), so nothing visible is added.
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

        return StartsLikeAFormula(value) ? "'" + value : value;
    }

    /// <summary>Whether a spreadsheet program would read the text as a formula.</summary>
    public static bool StartsLikeAFormula(string? value) => !string.IsNullOrEmpty(value) && Array.IndexOf(Triggers, value[0]) >= 0;
}
