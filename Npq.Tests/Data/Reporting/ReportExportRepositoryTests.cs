using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>Background exports' rows: created queued, found only by their owner, moved through running, ready, failed and expired.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ReportExportRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private ReportExportRepository _exports = null!;
    private int _owner;
    private int _other;

    [OneTimeSetUp]
    public async Task People()
    {
        _exports = new ReportExportRepository(Db);
        _owner = await Data.UserAsync("owner@exports.example", "Export Owner", Roles.ProviderAdmin);
        _other = await Data.UserAsync("other@exports.example", "Someone Else", Roles.ProviderAdmin);
    }

    private Task<int> QueueAsync(string token, int userId, DateTime createdUtc) =>
        _exports.CreateAsync(new ReportExport
        {
            Token = token, RequestedByUserId = userId, Report = "completion", Format = ExportFormat.Xlsx, Query = "{\"cohort\":1}",
            Status = ExportStatus.Queued, CreatedUtc = createdUtc,
        });

    [Test]
    public async Task Create_ThenFind_ReadsBackEveryFieldQueued()
    {
        var id = await QueueAsync("token-read-back", _owner, At(2, 1, 9));

        var export = await _exports.FindAsync(id);

        Assert.That(export, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(export!.Token, Is.EqualTo("token-read-back"));
            Assert.That(export.RequestedByUserId, Is.EqualTo(_owner));
            Assert.That(export.Report, Is.EqualTo("completion"));
            Assert.That(export.Format, Is.EqualTo(ExportFormat.Xlsx));
            Assert.That(export.Query, Is.EqualTo("{\"cohort\":1}"));
            Assert.That(export.Status, Is.EqualTo(ExportStatus.Queued));
            Assert.That(export.CreatedUtc, Is.EqualTo(At(2, 1, 9)));
            Assert.That(export.StoredName, Is.Null);
            Assert.That(export.ExpiresUtc, Is.Null);
        });
    }

    [Test]
    public async Task FindForUser_AnotherPersonsToken_FindsNothing()
    {
        await QueueAsync("token-owned", _owner, At(2, 2, 9));

        Assert.That(await _exports.FindForUserAsync("token-owned", _owner), Is.Not.Null);
        Assert.That(await _exports.FindForUserAsync("token-owned", _other), Is.Null);
        Assert.That(await _exports.FindForUserAsync("no-such-token", _owner), Is.Null);
    }

    [Test]
    public async Task ListForUser_OnlyTheirOwn_NewestFirst()
    {
        var lister = await Data.UserAsync("lister@exports.example", "Lister", Roles.ProviderAdmin);
        var older = await QueueAsync("list-older", lister, At(3, 1, 9));
        var newer = await QueueAsync("list-newer", lister, At(3, 2, 9));
        await QueueAsync("list-someone-else", _other, At(3, 3, 9));

        var list = await _exports.ListForUserAsync(lister);

        Assert.That(list.Select(e => e.Id), Is.EqualTo(new[] { newer, older }));
    }

    [Test]
    public async Task Progress_RunningThenReady_KeepsCountsFileAndTimes()
    {
        var id = await QueueAsync("token-progress", _owner, At(4, 1, 9));

        await _exports.MarkRunningAsync(id, 400);
        await _exports.ReportProgressAsync(id, 100);
        var running = (await _exports.FindAsync(id))!;
        await _exports.MarkReadyAsync(id, "stored-progress.xlsx", 400, At(4, 1, 10), At(4, 2, 10));
        var ready = (await _exports.FindAsync(id))!;

        Assert.Multiple(() =>
        {
            Assert.That(running.Status, Is.EqualTo(ExportStatus.Running));
            Assert.That(running.RowsTotal, Is.EqualTo(400));
            Assert.That(running.Percent, Is.EqualTo(25));
            Assert.That(ready.Status, Is.EqualTo(ExportStatus.Ready));
            Assert.That(ready.RowsWritten, Is.EqualTo(400));
            Assert.That(ready.StoredName, Is.EqualTo("stored-progress.xlsx"));
            Assert.That(ready.CompletedUtc, Is.EqualTo(At(4, 1, 10)));
            Assert.That(ready.ExpiresUtc, Is.EqualTo(At(4, 2, 10)));
            Assert.That(ready.Percent, Is.EqualTo(100));
        });
    }

    [Test]
    public async Task Unfinished_AreQueuedAndRunningOnly()
    {
        var queued = await QueueAsync("unfinished-queued", _owner, At(5, 1, 9));
        var running = await QueueAsync("unfinished-running", _owner, At(5, 1, 9));
        await _exports.MarkRunningAsync(running, 10);
        var failed = await QueueAsync("unfinished-failed", _owner, At(5, 1, 9));
        await _exports.MarkFailedAsync(failed, At(5, 1, 10), At(5, 2, 10));

        var unfinished = await _exports.GetUnfinishedAsync();

        Assert.That(unfinished, Does.Contain(queued).And.Contain(running).And.Not.Contain(failed));
        Assert.That((await _exports.FindAsync(failed))!.Status, Is.EqualTo(ExportStatus.Failed));
    }

    [Test]
    public async Task Expiry_PastItsTime_IsListedThenMarkedAndNotListedAgain()
    {
        var id = await QueueAsync("token-expiry", _owner, At(6, 1, 9));
        await _exports.MarkReadyAsync(id, "stored-expiry.csv", 5, At(6, 1, 10), At(6, 2, 10));

        var beforeTime = await _exports.GetExpiredAsync(At(6, 2, 9));
        var afterTime = await _exports.GetExpiredAsync(At(6, 2, 11));
        await _exports.MarkExpiredAsync(id);
        var afterMarking = await _exports.GetExpiredAsync(At(6, 2, 11));

        Assert.Multiple(() =>
        {
            Assert.That(beforeTime.Select(e => e.Id), Does.Not.Contain(id));
            Assert.That(afterTime.Select(e => e.Id), Does.Contain(id));
            Assert.That(afterMarking.Select(e => e.Id), Does.Not.Contain(id));
        });
        Assert.That((await _exports.FindAsync(id))!.Status, Is.EqualTo(ExportStatus.Expired));
    }
}
