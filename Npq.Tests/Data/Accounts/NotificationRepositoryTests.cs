using Npq.Core.Notifications;
using Npq.Data.Notifications;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class NotificationRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private NotificationRepository Notifications => new(Db);

    private static Notification For(int userId, string title, string? link = null) =>
        new() { UserId = userId, CreatedUtc = AccountRows.Now, Kind = "feedback", Title = title, Link = link };

    [Test]
    public async Task Add_ThenGetForUser_ReadsBackExactlyNewestFirstUpToTake()
    {
        var rows = new AccountRows(Db);
        var user = await rows.UserAsync();
        var other = await rows.UserAsync();
        var first = await Notifications.AddAsync(For(user.Id, "First", "/evidence/1"));
        var second = await Notifications.AddAsync(For(user.Id, "Second"));
        var third = await Notifications.AddAsync(For(user.Id, "Third"));
        await Notifications.AddAsync(For(other.Id, "Not yours"));

        var newestTwo = await Notifications.GetForUserAsync(user.Id, 2);
        var all = await Notifications.GetForUserAsync(user.Id, 10);

        Assert.That(newestTwo.Select(n => n.Id), Is.EqualTo(new[] { third, second }));
        Assert.That(all.Last(), Is.EqualTo(For(user.Id, "First", "/evidence/1") with { Id = first }));
        Assert.That(all.Last().CreatedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public async Task MarkAllRead_MarksOnlyThePersonsUnreadRows()
    {
        var rows = new AccountRows(Db);
        var user = await rows.UserAsync();
        var other = await rows.UserAsync();
        await Notifications.AddAsync(For(user.Id, "One"));
        await Notifications.AddAsync(For(user.Id, "Two"));
        await Notifications.AddAsync(For(other.Id, "Other's"));
        await Notifications.MarkAllReadAsync(user.Id, AccountRows.Now.AddHours(1));
        var later = await Notifications.AddAsync(For(user.Id, "Later"));

        await Notifications.MarkAllReadAsync(user.Id, AccountRows.Now.AddHours(2));

        var mine = await Notifications.GetForUserAsync(user.Id, 10);
        Assert.That(mine.Select(n => n.ReadUtc), Is.EqualTo(new DateTime?[] { AccountRows.Now.AddHours(2), AccountRows.Now.AddHours(1), AccountRows.Now.AddHours(1) }));
        Assert.That(mine[0].Id, Is.EqualTo(later));
        Assert.That(await Notifications.CountUnreadAsync(user.Id), Is.Zero);
        Assert.That(await Notifications.CountUnreadAsync(other.Id), Is.EqualTo(1));
    }
}
