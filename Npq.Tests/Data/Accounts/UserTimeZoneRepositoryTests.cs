using Npq.Data.Infrastructure.Caching;
using Npq.Tests.Support;
using Microsoft.Extensions.Caching.Memory;
using Npq.Core.Accounts;
using Npq.Data.Accounts;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class UserTimeZoneRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private SharedCache _cache = null!;

    [SetUp]
    public void NewCache() => _cache = SharedCaches.InMemory();

    private UserTimeZoneRepository ZonesWith(TimeSpan cacheFor) => new(Db, new UserSessionCache(Db, _cache, cacheFor));

    [Test]
    public async Task Get_UnknownPerson_IsNull()
    {
        Assert.That(await ZonesWith(TimeSpan.Zero).GetAsync(-5), Is.Null);
    }

    [Test]
    public async Task Get_PersonWithoutAZone_IsUnconfirmedNothing()
    {
        var user = await new AccountRows(Db).UserAsync();

        Assert.That(await ZonesWith(TimeSpan.Zero).GetAsync(user.Id), Is.EqualTo(new UserTimeZone { TimeZone = null, Confirmed = false }));
    }

    [Test]
    public async Task Set_ConfirmsTheZone_AndIsSeenAtOnceThroughTheSessionCache()
    {
        var user = await new AccountRows(Db).UserAsync();
        var zones = ZonesWith(TimeSpan.FromMinutes(5));
        await zones.GetAsync(user.Id);

        await zones.SetAsync(user.Id, "Asia/Dubai");

        Assert.That(await zones.GetAsync(user.Id), Is.EqualTo(new UserTimeZone { TimeZone = "Asia/Dubai", Confirmed = true }));
        var stored = await new UserRepository(Db).FindByIdAsync(user.Id);
        Assert.That((stored!.TimeZone, stored.TimeZoneConfirmed), Is.EqualTo(("Asia/Dubai", true)));
    }
}
