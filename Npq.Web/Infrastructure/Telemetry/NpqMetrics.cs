using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Npq.Web.Infrastructure.Telemetry;

/// <summary>
/// Npq's own measurements, on the meter <c>Npq</c> (exported with the framework's when telemetry is on, see
/// <see cref="NpqTelemetry"/>; with no listener an instrument costs a check of a flag). Each tells an operator
/// something a request log does not: how the file store (a folder or blob storage) is doing, how much waits in the
/// background queues and how mail fares. Tags carry kinds and outcomes only, never a person's data or an id.
/// </summary>
public sealed class NpqMetrics : IDisposable
{
    public const string MeterName = "Npq";

    private readonly Meter _meter;
    private readonly Histogram<double> _fileStoreDuration;
    private readonly Counter<long> _fileStoreBytes;
    private readonly Counter<long> _exportsQueued;
    private readonly Counter<long> _mailSent;
    private readonly Counter<long> _mailFailed;

    public NpqMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _fileStoreDuration = _meter.CreateHistogram<double>(
            "npq.file_store.duration", unit: "s", description: "Time a file store operation took (save, open, delete), by outcome (ok, missing, error).");
        _fileStoreBytes = _meter.CreateCounter<long>("npq.file_store.saved", unit: "By", description: "Bytes stored in the file store.");
        _exportsQueued = _meter.CreateCounter<long>("npq.exports.queued", unit: "{export}", description: "Background exports and record archives queued, by kind.");
        _mailSent = _meter.CreateCounter<long>("npq.mail.sent", unit: "{message}", description: "Email messages handed to the mail server.");
        _mailFailed = _meter.CreateCounter<long>("npq.mail.failed", unit: "{message}", description: "Email messages the mail server refused or could not be reached for, by whether they will be retried.");
    }

    /// <summary>One file store operation: <paramref name="operation"/> is save, open or delete; outcome ok, missing or error.</summary>
    public void FileStoreOperation(string operation, string outcome, TimeSpan elapsed) =>
        _fileStoreDuration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", outcome } });

    public void FileStored(long bytes) => _fileStoreBytes.Add(bytes);

    /// <summary>A background export or record archive queued; <paramref name="kind"/> names the export (e.g. "completion-csv"), not its content.</summary>
    public void ExportQueued(string kind) => _exportsQueued.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A message sent; <paramref name="kind"/> names the notification (e.g. "webinar-reminder").</summary>
    public void MailSent(string kind) => _mailSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void MailFailed(string kind, bool willRetry) =>
        _mailFailed.Add(1, new TagList { { "kind", kind }, { "will_retry", willRetry } });

    public void Dispose() => _meter.Dispose();
}
