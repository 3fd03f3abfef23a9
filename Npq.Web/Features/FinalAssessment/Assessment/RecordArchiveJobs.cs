using System.IO.Compression;
using Npq.Core.FinalAssessment;
using Npq.Core.Files;
using Npq.Web.Documents;
using Npq.Web.Infrastructure.Jobs;
using Quartz;

namespace Npq.Web.Features.FinalAssessment.Assessment;

/// <summary>Where a cohort archive job stands.</summary>
public sealed record ArchiveJobStatus(Guid Id, int CohortId, int OwnerUserId, int Total, int Done, bool Finished, bool Failed, string FileName)
{
    public static ArchiveJobStatus From(RecordArchive archive) =>
        new(Guid.ParseExact(archive.Id, "N"), archive.CohortId, archive.OwnerUserId, archive.Total, archive.Done, archive.Finished,
            archive.State == RecordArchiveState.Failed, archive.FileName);
}

/// <summary>
/// A cohort's released final assessment records as one zip, built in the background by a clustered job
/// (<see cref="RecordArchiveJob"/>) so a large cohort neither holds a request open nor sits in memory. The row in
/// <c>RecordArchives</c> is shared by every instance: the page polls its progress and the download streams the zip from
/// the shared file store, on whichever instance serves the request. Archives belong to the admin who started them and
/// are deleted once <see cref="AssessmentRecords.ArchiveExpired"/> says so (an hour after they finish). Which scripts
/// go in, and under what names, is <see cref="AssessmentRecords"/>'s.
/// </summary>
public sealed class RecordArchiveJobs(IRecordArchiveRepository archives, IFileStore files, JobQueue queue, TimeProvider time)
{
    public async Task<ArchiveJobStatus> StartAsync(int cohortId, int ownerUserId, string fileName, CancellationToken cancellationToken = default)
    {
        var archive = new RecordArchive
        {
            Id = Guid.NewGuid().ToString("N"),
            CohortId = cohortId,
            OwnerUserId = ownerUserId,
            FileName = fileName,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        await archives.CreateAsync(archive, cancellationToken);
        await queue.EnqueueAsync(RecordArchiveJob.Key, "archive-" + archive.Id, new Dictionary<string, string> { [RecordArchiveJob.ArchiveIdKey] = archive.Id }, cancellationToken);
        return ArchiveJobStatus.From(archive);
    }

    /// <summary>The job, if it exists and belongs to this user (anyone else gets nothing).</summary>
    public async Task<ArchiveJobStatus?> FindAsync(Guid id, int userId, CancellationToken cancellationToken = default) =>
        await archives.FindForOwnerAsync(id.ToString("N"), userId, cancellationToken) is { } archive ? ArchiveJobStatus.From(archive) : null;

    /// <summary>Opens the finished zip for streaming, or null.</summary>
    public async Task<Stream?> OpenFinishedAsync(Guid id, int userId, CancellationToken cancellationToken = default) =>
        await archives.FindForOwnerAsync(id.ToString("N"), userId, cancellationToken) is { State: RecordArchiveState.Ready, StoredName: { } stored }
            ? await files.OpenReadAsync(stored, cancellationToken)
            : null;
}

/// <summary>
/// Builds one record zip (its id in the trigger's data) into a temporary file, then stores it in the shared file
/// store. Durable and recovering: if the instance building it dies, another builds it again from the start.
/// </summary>
public sealed class RecordArchiveJob(
    IRecordArchiveRepository archives,
    AssessmentRecords records,
    AssessmentDocuments documents,
    IFileStore files,
    TimeProvider time,
    ILogger<RecordArchiveJob> logger) : IJob
{
    public static readonly JobKey Key = new("record-archive", JobsSetup.Group);

    public const string ArchiveIdKey = "archiveId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var id = context.MergedJobDataMap.TryGetValue(ArchiveIdKey, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (id is null || await archives.FindAsync(id, cancellationToken) is not { } archive || archive.Finished)
        {
            return;
        }

        if (context.Recovering)
        {
            logger.LogInformation("Archive {ArchiveId} is built again: the instance building it stopped", id);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"npq-archive-{Guid.NewGuid():N}.zip");
        try
        {
            var released = await records.GetArchivedScriptsAsync(archive.CohortId, cancellationToken);
            await archives.MarkRunningAsync(id, released.Count, time.GetUtcNow().UtcDateTime, cancellationToken);
            var done = 0;
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var row in released)
                {
                    var model = await documents.RecordAsync(row, hideCandidateName: false);
                    if (model is not null)
                    {
                        var document = new FinalAssessmentRecordDocument(model);
                        var entry = zip.CreateEntry(AssessmentRecords.ArchiveEntryName(row, document.FileName), CompressionLevel.Optimal);
                        await using var output = await entry.OpenAsync(cancellationToken);
                        using var buffer = new MemoryStream();
                        document.WriteTo(buffer);
                        buffer.Position = 0;
                        await buffer.CopyToAsync(output, cancellationToken);
                    }

                    done++;
                    await archives.ReportProgressAsync(id, done, cancellationToken);
                }
            }

            file.Position = 0;
            var stored = await files.SaveAsync(file, cancellationToken);
            await archives.MarkReadyAsync(id, stored, done, time.GetUtcNow().UtcDateTime, cancellationToken);
            logger.LogInformation("Archive {ArchiveId} of cohort {CohortId} built with {Count} records", id, archive.CohortId, done);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the job store hands the archive to another instance (or this one at its next start).
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Archive {ArchiveId} of cohort {CohortId} failed", id, archive.CohortId);
            await archives.MarkFailedAsync(id, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
    }
}

/// <summary>Deletes finished record zips (row and stored file) once their time is up; on one instance each time.</summary>
[DisallowConcurrentExecution]
public sealed class RecordArchiveSweepJob(IRecordArchiveRepository archives, IFileStore files, TimeProvider time, ILogger<RecordArchiveSweepJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var archive in await archives.GetFinishedBeforeAsync(now - AssessmentRecords.ArchiveKeptFor, cancellationToken))
            {
                if (archive.StoredName is { } stored)
                {
                    await files.DeleteAsync(stored, cancellationToken);
                }

                await archives.DeleteAsync(archive.Id, cancellationToken);
                logger.LogInformation("Archive {ArchiveId} expired and was deleted", archive.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sweeping expired record archives failed; the next turn tries again");
        }
    }
}
