using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Npq.Web.Infrastructure.Exports;

/// <summary>
/// Writes CSV for spreadsheets: UTF-8 with a BOM (so Excel reads accents), ISO dates, every text cell
/// neutralised against formulas, rows streamed as they come so a large export never sits in memory.
/// </summary>
public static class CsvExport
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        // CsvHelper's own injection guard would escape with a tab; the apostrophe form is what Excel users expect.
        InjectionOptions = InjectionOptions.None,
        NewLine = "\r\n",
    };

    /// <summary>Writes a header and the rows, flushing every few hundred rows.</summary>
    public static async Task WriteAsync<T>(Stream output, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        Register(csv.Context);
        csv.WriteHeader<T>();
        await csv.NextRecordAsync();

        // The header goes out at once, so the download starts while the database is still producing rows.
        await csv.FlushAsync();
        await writer.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
            if (++count % 500 == 0)
            {
                await csv.FlushAsync();
                await writer.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync();
    }

    /// <summary>Writes rows already in memory (small files such as templates).</summary>
    public static async Task WriteAsync<T>(Stream output, IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        await WriteAsync(output, ToAsync(rows), cancellationToken);
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static void Register(CsvContext context)
    {
        context.TypeConverterCache.AddConverter<string>(new NeutralisingStringConverter());
        var iso = new TypeConverterOptions { Formats = ["yyyy-MM-dd"] };
        context.TypeConverterOptionsCache.AddOptions<DateOnly>(iso);
        context.TypeConverterOptionsCache.AddOptions<DateOnly?>(iso);
        var isoTime = new TypeConverterOptions { Formats = ["yyyy-MM-ddTHH:mm:ssZ"] };
        context.TypeConverterOptionsCache.AddOptions<DateTime>(isoTime);
        context.TypeConverterOptionsCache.AddOptions<DateTime?>(isoTime);
    }

    private sealed class NeutralisingStringConverter : StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) =>
            SpreadsheetSafety.Neutralise(value as string);
    }
}
