using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.Imports;

/// <summary>
/// Reads an uploaded CSV of applications or enrolments with CsvHelper, handing the header and each row to Core's
/// <see cref="ImportCheck"/>, which checks them against the provider's data.
/// </summary>
public sealed class ImportParser : IImportReader
{
    public const int MaxBytes = 1024 * 1024;

    public ImportPreview Read(string text, ImportKind kind, ImportContext context)
    {
        var check = new ImportCheck(kind, context);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = args => check.FileProblem(args.Context.Parser?.Row ?? 0, "(whole row)", "A quoted value is not closed properly."),
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            return check.Empty();
        }

        if (!check.Header(header))
        {
            return check.Preview;
        }

        while (csv.Read() && check.Row(csv.Parser.Row, position => csv.GetField(position)))
        {
        }

        return check.Finish();
    }

    /// <summary>Reads an upload as text: UTF-8 (with or without BOM); refuses what is plainly not a CSV.</summary>
    public static string? ReadText(byte[] bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
