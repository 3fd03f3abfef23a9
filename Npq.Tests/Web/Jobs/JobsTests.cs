using System.IO.Compression;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Core.Reporting;
using Npq.Data.FinalAssessment;
using Npq.Data.Infrastructure;
using Npq.Web.Demo;
using Npq.Web.Features.FinalAssessment.Assessment;

namespace Npq.Tests.Web.Jobs;

/// <summary>
/// The clustered job store: two instances of the site on one SQLite file (each with its own connections and writer,
/// as two processes would have), one queuing work and the other running it, and a job claimed by an instance that
/// stopped checking in recovered by the other.
/// </summary>
[NonParallelizable]
public sealed class JobsTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "npq-tests", "jobs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }

    /// <summary>One instance of the site over the shared database and file store.</summary>
    private NpqWebFactory Instance(string instanceId, IDictionary<string, string?>? more = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(_folder, "npq.db"),
            ["Storage:Root"] = Path.Combine(_folder, "files"),
            ["DataProtection:KeysFolder"] = Path.Combine(_folder, "keys"),
            ["Jobs:InstanceId"] = instanceId,
            ["Jobs:IdleWaitSeconds"] = "1",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new NpqWebFactory(settings, s =>
        {
            s.AddTestAuthentication();
            services?.Invoke(s);
        });
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 45)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    [Test]
    public async Task Export_QueuedWhereNoJobsRun_SurvivesTheRestart_RunsOnAnotherInstance_AndDownloadsThere()
    {
        string token;
        int exportId;
        using (var web = Instance("web-only", new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }))
        {
            var users = web.Services.GetRequiredService<IUserRepository>();
            var admin = (await users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
            var start = await web.Services.GetRequiredService<CompletionReporting>().StartExportAsync(
                ReportScope.ForProvider(admin.ProviderId!.Value), new CompletionFilter(), ExportFormat.Csv, background: true, new ReportActor(admin.Id, null));
            token = start.QueuedToken!;
            var export = (await web.Services.GetRequiredService<IReportExportRepository>().FindForUserAsync(token, admin.Id))!;
            exportId = export.Id;
            await Task.Delay(1500);
            Assert.That((await web.Services.GetRequiredService<IReportExportRepository>().FindAsync(exportId))!.Status, Is.EqualTo(ExportStatus.Queued), "an instance with Jobs:Enabled=false runs nothing");
        }

        using var worker = Instance("worker");
        var exports = worker.Services.GetRequiredService<IReportExportRepository>();
        var ready = await EventuallyAsync(() => exports.FindAsync(exportId), e => e!.Status is ExportStatus.Ready or ExportStatus.Failed);
        using var client = worker.ClientFor("admin@npq.example");
        var download = await client.GetAsync($"/reports/exports/{token}/download");
        var csv = await download.Content.ReadAsStringAsync();
        using var stranger = worker.ClientFor("headteacher@npq.example");

        Assert.That(ready!.Status, Is.EqualTo(ExportStatus.Ready));
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv, Does.Contain("Candidate").IgnoreCase);
        Assert.That((await stranger.GetAsync($"/reports/exports/{token}/download")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RecordZip_ClaimedByAnInstanceThatStopsCheckingIn_IsBuiltByAnother_AndDownloadsThereForItsOwnerOnly()
    {
        var stuck = new StuckArchives();
        using var dying = Instance("node-a", new Dictionary<string, string?> { ["Jobs:CheckinSeconds"] = "3600" }, s =>
        {
            s.RemoveAll<IRecordArchiveRepository>();
            s.AddSingleton<IRecordArchiveRepository>(sp => stuck.Wrap(new RecordArchiveRepository(sp.GetRequiredService<IDbConnectionFactory>())));
        });
        var admin = (await dying.Services.GetRequiredService<IUserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        var cohortId = await CohortWithReleasedRecordsAsync(dying.Services);
        var fileName = (await AssessmentRecordsFor(dying.Services, r => r.ArchiveFileNameAsync(cohortId)))!;
        var started = await dying.Services.GetRequiredService<RecordArchiveJobs>().StartAsync(cohortId, admin.Id, fileName);
        await stuck.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Node A now holds the firing and stops checking in, as a killed process would.
        var db = dying.Services.GetRequiredService<IDbConnectionFactory>();
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE QRTZ_SCHEDULER_STATE SET LAST_CHECKIN_TIME = 0 WHERE INSTANCE_NAME = 'node-a'");
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE INSTANCE_NAME = 'node-a' AND REQUESTS_RECOVERY = 1"), Is.EqualTo(1));
        }

        using var survivor = Instance("node-b", new Dictionary<string, string?> { ["Jobs:CheckinSeconds"] = "1", ["Jobs:CheckinMisfireSeconds"] = "1" });
        var archives = survivor.Services.GetRequiredService<IRecordArchiveRepository>();
        var built = await EventuallyAsync(() => archives.FindAsync(started.Id.ToString("N")), a => a!.Finished);
        using var owner = survivor.ClientFor("admin@npq.example");
        var download = await owner.GetAsync($"/outcomes/archives/{started.Id}/download");
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var other = survivor.ClientFor("assessor@npq.example");

        Assert.That(built!.State, Is.EqualTo(RecordArchiveState.Ready));
        Assert.That(built.Done, Is.EqualTo(built.Total).And.GreaterThan(0));
        Assert.That(zip.Entries, Has.Count.EqualTo(built.Total));
        Assert.That(zip.Entries.Select(e => e.Name), Has.All.EndsWith(".pdf"));
        Assert.That((await other.GetAsync($"/outcomes/archives/{started.Id}/progress")).StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden));
        Assert.That((await other.GetAsync($"/outcomes/archives/{started.Id}/download")).StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden));
    }

    private static async Task<int> CohortWithReleasedRecordsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT Id FROM Cohorts WHERE Name = @name", new { name = FinalAssessmentDemoSeed.CohortName });
    }

    private static async Task<T> AssessmentRecordsFor<T>(IServiceProvider services, Func<AssessmentRecords, Task<T>> use)
    {
        await using var scope = services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<AssessmentRecords>());
    }

    /// <summary>Archives whose build never gets past its start on this instance (until it is stopped).</summary>
    private sealed class StuckArchives
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IRecordArchiveRepository Wrap(IRecordArchiveRepository inner)
        {
            var mock = new Moq.Mock<IRecordArchiveRepository>();
            mock.Setup(r => r.CreateAsync(Moq.It.IsAny<RecordArchive>(), Moq.It.IsAny<CancellationToken>())).Returns<RecordArchive, CancellationToken>(inner.CreateAsync);
            mock.Setup(r => r.FindAsync(Moq.It.IsAny<string>(), Moq.It.IsAny<CancellationToken>())).Returns<string, CancellationToken>(inner.FindAsync);
            mock.Setup(r => r.MarkRunningAsync(Moq.It.IsAny<string>(), Moq.It.IsAny<int>(), Moq.It.IsAny<DateTime>(), Moq.It.IsAny<CancellationToken>()))
                .Returns<string, int, DateTime, CancellationToken>(async (_, _, _, cancellationToken) =>
                {
                    Entered.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                });
            return mock.Object;
        }
    }
}
