using System.Collections.Concurrent;
using System.IO.Compression;
using Npq.Core.FinalAssessment;
using Npq.Web.Documents;

namespace Npq.Web.Features.FinalAssessment.Assessment;

/// <summary>Where a cohort archive job stands.</summary>
public sealed record ArchiveJobStatus(Guid Id, int CohortId, int OwnerUserId, int Total, int Done, bool Finished, bool Failed, string FileName);

/// <summary>
/// Builds a cohort's released final assessment records as one zip in the background, into a temporary file, so a
/// large cohort neither holds a request open nor sits in memory. The page polls the job's progress; the download
/// streams the finished file. Jobs belong to the admin who started them and are removed once
/// <see cref="AssessmentRecords.ArchiveExpired"/> says so (an hour after they finish). Which scripts go in, and under
/// what names, is <see cref="AssessmentRecords"/>'s.
/// </summary>
public sealed class RecordArchiveJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<RecordArchiveJobs> logger) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    public ArchiveJobStatus Start(int cohortId, int ownerUserId, string fileName)
    {
        Sweep();
        var job = new Job(Guid.NewGuid(), cohortId, ownerUserId, fileName, Path.Combine(Path.GetTempPath(), $"npq-archive-{Guid.NewGuid():N}.zip"));
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job));
        return job.Status();
    }

    /// <summary>The job, if it exists and belongs to this user (anyone else gets nothing).</summary>
    public ArchiveJobStatus? Find(Guid id, int userId) =>
        _jobs.TryGetValue(id, out var job) && job.OwnerUserId == userId ? job.Status() : null;

    /// <summary>Opens the finished zip for streaming, or null.</summary>
    public Stream? OpenFinished(Guid id, int userId) =>
        _jobs.TryGetValue(id, out var job) && job.OwnerUserId == userId && job.Finished && !job.Failed
            ? new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null;

    private async Task RunAsync(Job job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var records = scope.ServiceProvider.GetRequiredService<AssessmentRecords>();
            var documents = scope.ServiceProvider.GetRequiredService<AssessmentDocuments>();
            var released = await records.GetArchivedScriptsAsync(job.CohortId);
            job.Total = released.Count;
            await using (var file = new FileStream(job.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                foreach (var row in released)
                {
                    var model = await documents.RecordAsync(row, hideCandidateName: false);
                    if (model is not null)
                    {
                        var document = new FinalAssessmentRecordDocument(model);
                        var entry = zip.CreateEntry(AssessmentRecords.ArchiveEntryName(row, document.FileName), CompressionLevel.Optimal);
                        await using var output = await entry.OpenAsync();
                        using var buffer = new MemoryStream();
                        document.WriteTo(buffer);
                        buffer.Position = 0;
                        await buffer.CopyToAsync(output);
                    }

                    job.Done++;
                }
            }

            job.Finished = true;
            job.FinishedUtc = time.GetUtcNow().UtcDateTime;
            logger.LogInformation("Archive {JobId} of cohort {CohortId} built with {Count} records", job.Id, job.CohortId, job.Done);
        }
        catch (Exception ex)
        {
            job.Failed = true;
            job.Finished = true;
            job.FinishedUtc = time.GetUtcNow().UtcDateTime;
            logger.LogError(ex, "Archive {JobId} of cohort {CohortId} failed", job.Id, job.CohortId);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var job in _jobs.Values.Where(j => AssessmentRecords.ArchiveExpired(j.FinishedUtc, now)))
        {
            if (_jobs.TryRemove(job.Id, out _))
            {
                TryDelete(job.Path);
            }
        }
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values)
        {
            TryDelete(job.Path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still being read; the temp folder is cleaned by the OS.
        }
    }

    private sealed class Job(Guid id, int cohortId, int ownerUserId, string fileName, string path)
    {
        public Guid Id { get; } = id;
        public int CohortId { get; } = cohortId;
        public int OwnerUserId { get; } = ownerUserId;
        public string FileName { get; } = fileName;
        public string Path { get; } = path;
        public volatile int Total;
        public volatile int Done;
        public volatile bool Finished;
        public volatile bool Failed;
        public DateTime? FinishedUtc;

        public ArchiveJobStatus Status() => new(Id, CohortId, OwnerUserId, Total, Done, Finished, Failed, FileName);
    }
}
