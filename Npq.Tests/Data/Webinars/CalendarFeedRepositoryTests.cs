using Npq.Data.Webinars;

namespace Npq.Tests.Data.Webinars;

/// <summary>The calendar feed store's contract, on every provider: one live token hash per person.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CalendarFeedRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static DateTime Now => WebinarsData.Now;

    [Test]
    public async Task Feeds_OnlyTheLiveTokenFindsItsOwner()
    {
        var (_, candidate, _) = await WebinarsData.CohortAsync(Db);
        var feeds = new CalendarFeedRepository(Db);
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");

        await feeds.ReplaceAsync(candidate, first, Now);
        Assert.That(await feeds.FindLiveOwnerAsync(first), Is.EqualTo(candidate));
        await feeds.ReplaceAsync(candidate, second, Now);
        Assert.That(await feeds.FindLiveOwnerAsync(first), Is.Null, "replaced");
        Assert.That(await feeds.FindLiveOwnerAsync(second), Is.EqualTo(candidate));
        Assert.That(await feeds.RevokeAsync(candidate, Now), Is.True);
        Assert.That(await feeds.FindLiveOwnerAsync(second), Is.Null, "revoked");
        Assert.That(await feeds.GetLiveFeedCreatedAsync(candidate), Is.Null);
    }

    [Test]
    public async Task LiveFeedCreated_IsTheNewestFeedsTime_RevokingNothingSaysSo()
    {
        var (_, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var feeds = new CalendarFeedRepository(Db);

        Assert.That(await feeds.GetLiveFeedCreatedAsync(candidate), Is.Null);
        Assert.That(await feeds.RevokeAsync(candidate, Now), Is.False, "no live feed to revoke");
        await feeds.ReplaceAsync(candidate, Guid.NewGuid().ToString("N"), Now);
        await feeds.ReplaceAsync(candidate, Guid.NewGuid().ToString("N"), Now.AddHours(1));

        var created = await feeds.GetLiveFeedCreatedAsync(candidate);
        Assert.That(created, Is.EqualTo(Now.AddHours(1)));
        Assert.That(created!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(await feeds.GetLiveFeedCreatedAsync(mentor), Is.Null, "another person's feed is theirs alone");
    }
}
