using Npq.Data.Auditing;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Accounts;

/// <summary>
/// The admin's audit page on SQLite reads its provider's newest entries through IX_AuditLog_Provider (migration 0029)
/// and the action names by seeks of IX_AuditLog_Action: none of its reads walks the whole log or every person of the
/// provider.
/// </summary>
public sealed class AuditLogPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private Task<List<string>> PlanAsync(string sql, object? parameters = null) => QueryPlan.OfAsync(Db, sql, parameters);

    private static object Filter(string? action = null) =>
        new { ProviderId = 1, Action = action, UserId = (int?)null, UserSubject = (string?)null, FromUtc = (DateTime?)null, ToUtc = (DateTime?)null, Skip = 0, Take = 25 };

    [Test]
    public async Task ThePageAndItsCount_WalkTheProvidersEntriesNewestFirst_NeverThePeopleOrTheWholeLog()
    {
        var where = AuditLogRepository.Where(byProvider: true);
        var page = await PlanAsync(AuditLogRepository.PageSql(where, Db.Dialect), Filter());
        var count = await PlanAsync(AuditLogRepository.CountSql(where, Db.Dialect), Filter("account.sign-in"));

        Assert.That(page, Has.Some.StartsWith("SEARCH AuditLog USING INDEX IX_AuditLog_Provider (ProviderId=?)"), string.Join("\n", page));
        Assert.That(page, Has.None.Contains("SCAN").And.None.Contains("TEMP B-TREE").And.None.Contains("Users"), string.Join("\n", page));
        Assert.That(count, Has.Some.Contains("IX_AuditLog_Provider (ProviderId=?)"), string.Join("\n", count));
        Assert.That(count, Has.None.Contains("SCAN AuditLog").And.None.Contains("Users"), string.Join("\n", count));
    }

    [Test]
    public async Task TheActionNames_AreSeeksOfTheActionIndex()
    {
        var plan = await PlanAsync(AuditLogRepository.ActionsSkipScanSql);

        Assert.That(plan, Has.Some.Contains("USING COVERING INDEX IX_AuditLog_Action (Action>?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN AuditLog").And.None.Contains("SCAN a "), string.Join("\n", plan));
    }
}
