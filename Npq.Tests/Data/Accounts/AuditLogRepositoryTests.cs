using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class AuditLogRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private AuditLogRepository Log => new(Db);

    private static AuditEntry Entry(string action, int? actor, int? subject, DateTime occurredUtc, string? detail = null) => new()
    {
        OccurredUtc = occurredUtc, ActorUserId = actor, Action = action,
        Subject = subject is { } id ? AuditEntry.UserSubject(id) : null, Detail = detail, IpAddress = "203.0.113.1",
    };

    [Test]
    public async Task Write_ThenFilter_ReadsBackExactlyNewestFirstByActionAndPerson()
    {
        var action = AccountRows.Unique("test.search");
        await Log.WriteAsync(Entry(action, 1, 2, AccountRows.Now, "first"));
        await Log.WriteAsync(Entry(action, 3, null, AccountRows.Now.AddMinutes(1), "second"));
        await Log.WriteAsync(Entry(action, 1, null, AccountRows.Now.AddMinutes(2), "third"));

        var all = (await Log.FilterAsync(new AuditFilter(action, null, null, null), 0, 10)).Entries;
        var byActor = (await Log.FilterAsync(new AuditFilter(action, 1, null, null), 0, 10)).Entries;
        var secondPage = (await Log.FilterAsync(new AuditFilter(action, null, null, null), 1, 1)).Entries;

        Assert.That(all.Select(e => e.Detail), Is.EqualTo(new[] { "third", "second", "first" }));
        Assert.That(all.Last() with { Id = 0 }, Is.EqualTo(Entry(action, 1, 2, AccountRows.Now, "first")));
        Assert.That(all.Last().OccurredUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(byActor.Select(e => e.Detail), Is.EqualTo(new[] { "third", "first" }));
        Assert.That(secondPage.Select(e => e.Detail), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public async Task Filter_ByPersonAsActorOrSubject_AndAHalfOpenUtcRange()
    {
        var action = AccountRows.Unique("test.range");
        await Log.WriteAsync(Entry(action, 5, null, AccountRows.Now, "did"));
        await Log.WriteAsync(Entry(action, null, 5, AccountRows.Now.AddHours(1), "about"));
        await Log.WriteAsync(Entry(action, 6, 55, AccountRows.Now.AddHours(2), "someone else"));
        await Log.WriteAsync(Entry(action, 5, null, AccountRows.Now.AddDays(1), "next day"));

        var person = await Log.FilterAsync(new AuditFilter(action, 5, null, null), 0, 10);
        var day = await Log.FilterAsync(new AuditFilter(action, null, AccountRows.Now, AccountRows.Now.AddDays(1)), 0, 10);
        var paged = await Log.FilterAsync(new AuditFilter(action, null, null, null), 2, 2);

        Assert.That(person.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "next day", "about", "did" }));
        Assert.That(person.Total, Is.EqualTo(3));
        Assert.That(day.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "someone else", "about", "did" }), "the end of the range is left out");
        Assert.That((paged.Entries.Select(e => e.Detail), paged.Total), Is.EqualTo((new[] { "about", "did" }, 4)));
    }

    [Test]
    public async Task Filter_ByProvider_TheirPeoplesDoingsAndAnonymousEntriesAboutThem()
    {
        var rows = new AccountRows(Db);
        var providerId = await rows.ProviderAsync();
        var elsewhere = await rows.ProviderAsync();
        var own = await rows.UserAsync(providerId: providerId);
        var outsider = await rows.UserAsync(providerId: elsewhere);
        var action = AccountRows.Unique("test.provider");
        await Log.WriteAsync(Entry(action, own.Id, outsider.Id, AccountRows.Now, "own actor"));
        await Log.WriteAsync(Entry(action, null, own.Id, AccountRows.Now, "anonymous about own"));
        await Log.WriteAsync(Entry(action, outsider.Id, own.Id, AccountRows.Now, "outsider about own"));
        await Log.WriteAsync(Entry(action, null, outsider.Id, AccountRows.Now, "anonymous about outsider"));
        await Log.WriteAsync(Entry(action, null, null, AccountRows.Now, "nobody's"));

        var page = await Log.FilterAsync(new AuditFilter(action, null, null, null, providerId), 0, 10);

        Assert.That(page.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "anonymous about own", "own actor" }));
        Assert.That(page.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task Filter_CountStopsAtItsLimit_AndSaysMoreMatch_ThePagesStillRead()
    {
        var rows = new AccountRows(Db);
        var providerId = await rows.ProviderAsync();
        var own = await rows.UserAsync(providerId: providerId);
        var many = AccountRows.Unique("test.capped");
        var few = AccountRows.Unique("test.uncapped");
        for (var i = 1; i <= 5; i++)
        {
            await Log.WriteAsync(Entry(many, own.Id, null, AccountRows.Now.AddMinutes(i), $"many-{i}"));
        }

        for (var i = 1; i <= 3; i++)
        {
            await Log.WriteAsync(Entry(few, null, own.Id, AccountRows.Now.AddMinutes(i), $"few-{i}"));
        }

        var capped = new AuditLogRepository(Db, countLimit: 3);
        var overLimit = await capped.FilterAsync(new AuditFilter(many, null, null, null, providerId), 2, 2);
        var atLimit = await capped.FilterAsync(new AuditFilter(few, null, null, null, providerId), 0, 10);
        var uncapped = await Log.FilterAsync(new AuditFilter(many, null, null, null, providerId), 0, 10);

        Assert.That((overLimit.Total, overLimit.MoreThanTotal), Is.EqualTo((3, true)));
        Assert.That(overLimit.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "many-3", "many-2" }), "pages past the count are still read");
        Assert.That((atLimit.Total, atLimit.MoreThanTotal), Is.EqualTo((3, false)));
        Assert.That(atLimit.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "few-3", "few-2", "few-1" }), "an anonymous entry about the provider's person is the provider's");
        Assert.That((uncapped.Total, uncapped.MoreThanTotal), Is.EqualTo((5, false)));
    }

    [Test]
    public async Task Filter_ByProvider_IsTheProviderWhenWritten_APersonMovedLaterDoesNotMoveTheirPastEntries()
    {
        var rows = new AccountRows(Db);
        var first = await rows.ProviderAsync();
        var second = await rows.ProviderAsync();
        var person = await rows.UserAsync(providerId: first);
        var action = AccountRows.Unique("test.moved");
        await Log.WriteAsync(Entry(action, person.Id, null, AccountRows.Now, "before the move"));
        person.ProviderId = second;
        Assert.That(await new UserRepository(Db).UpdateAsync(person), Is.True);
        await Log.WriteAsync(Entry(action, person.Id, null, AccountRows.Now.AddMinutes(1), "after the move"));

        var firsts = await Log.FilterAsync(new AuditFilter(action, null, null, null, first), 0, 10);
        var seconds = await Log.FilterAsync(new AuditFilter(action, null, null, null, second), 0, 10);

        Assert.That(firsts.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "before the move" }));
        Assert.That(seconds.Entries.Select(e => e.Detail), Is.EqualTo(new[] { "after the move" }));
    }

    [Test]
    public async Task GetActions_IsEachActionOnceInOrder()
    {
        var prefix = AccountRows.Unique("test.actions");
        await Log.WriteAsync(Entry(prefix + ".b", null, null, AccountRows.Now));
        await Log.WriteAsync(Entry(prefix + ".a", null, null, AccountRows.Now));
        await Log.WriteAsync(Entry(prefix + ".b", null, null, AccountRows.Now));

        var actions = (await Log.GetActionsAsync()).Where(a => a.StartsWith(prefix, StringComparison.Ordinal));

        Assert.That(actions, Is.EqualTo(new[] { prefix + ".a", prefix + ".b" }));
    }
}
