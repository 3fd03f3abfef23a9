namespace Npq.Web.Features.Enrolment.Imports;

/// <summary>Cells Npq writes into a CSV: anything a spreadsheet would run as a formula is made plain text.</summary>
public static class CsvCells
{
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + value : value;
    }
}
