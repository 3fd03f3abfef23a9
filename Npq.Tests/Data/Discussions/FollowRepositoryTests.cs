using Npq.Core.Accounts;
using Npq.Core.Discussions;
using Npq.Data.Accounts;
using Npq.Data.Discussions;
using Npq.Data.Enrolment;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>The following repository's contract on each database: subscriptions, email choices, due digests, the atomic claim and the new posts a digest lists.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class FollowRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);

    private async Task<(int CohortId, int Candidate, int Mentor, int Peer, int General, int Thread, int First)> ArrangeAsync()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var email = $"{Guid.NewGuid():N}@repo.example";
        var peer = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Ben Peer", CreatedUtc = T1, TimeZone = "Asia/Dubai" };
        await new UserRepository(Db).CreateAsync(peer);
        await new EnrolmentRepository(Db).EnsureAsync(cohortId, peer.Id, null, T1);
        var repository = new DiscussionRepository(Db);
        await repository.EnsureTopicsAsync(cohortId, T1);
        var general = (await repository.GetTopicsAsync(cohortId, candidate)).Single(t => t.Topic.Kind == TopicKind.General).Topic.Id;
        var (thread, first) = await repository.AddThreadAsync(new NewThread(general, candidate, "Followed", "Opening", T1));
        return (cohortId, candidate, mentor, peer.Id, general, thread, first);
    }

    [Test]
    public async Task Follow_IsKeptOnce_FollowersOfThreadAndTopicAreEachListedOnce_AndUnfollowRemovesIt()
    {
        var w = await ArrangeAsync();
        var follows = new FollowRepository(Db);

        await follows.FollowAsync(w.Peer, FollowKind.Thread, w.Thread, T1);
        await follows.FollowAsync(w.Peer, FollowKind.Thread, w.Thread, T1);
        await follows.FollowAsync(w.Peer, FollowKind.Topic, w.General, T1);
        await follows.FollowAsync(w.Mentor, FollowKind.Topic, w.General, T1);

        var followers = await follows.GetFollowersAsync(w.Thread, w.General);
        Assert.That(followers.UserIds, Is.EquivalentTo(new[] { w.Peer, w.Mentor }));
        Assert.That(followers.OfTheThread, Is.EquivalentTo(new[] { w.Peer }), "the mentor follows the topic, not the thread");
        Assert.That(await follows.IsFollowingAsync(w.Peer, FollowKind.Thread, w.Thread), Is.True);
        await follows.UnfollowAsync(w.Peer, FollowKind.Thread, w.Thread);
        Assert.That(await follows.IsFollowingAsync(w.Peer, FollowKind.Thread, w.Thread), Is.False);
        Assert.That(await follows.IsFollowingAsync(w.Peer, FollowKind.Topic, w.General), Is.True, "the topic stays followed");
        await follows.UnfollowAsync(w.Mentor, FollowKind.Topic, w.General);
        Assert.That((await follows.GetFollowersAsync(w.Thread, w.General)).UserIds, Is.EqualTo(new[] { w.Peer }));
        Assert.That((await follows.GetFollowersAsync(w.Thread, w.General)).OfTheThread, Is.Empty);
    }

    [Test]
    public async Task Preference_RoundTrips_IsDueOnlyOnceItsTimeHasCome_AndIsClaimedOnce()
    {
        var w = await ArrangeAsync();
        var follows = new FollowRepository(Db);
        var due = T1.AddHours(1);
        await follows.SavePreferenceAsync(new DigestPreference
        {
            UserId = w.Peer, Frequency = DigestFrequency.Weekly, LocalTime = new TimeOnly(7, 45), Weekday = DayOfWeek.Thursday, NextDigestUtc = due, LastPostId = w.First,
        }, T1);
        await follows.SavePreferenceAsync(new DigestPreference { UserId = w.Mentor, Frequency = DigestFrequency.Immediately }, T1);

        var read = (await follows.GetPreferenceAsync(w.Peer))!;
        Assert.That((read.Frequency, read.LocalTime, read.Weekday, read.NextDigestUtc, read.LastPostId), Is.EqualTo((DigestFrequency.Weekly, new TimeOnly(7, 45), DayOfWeek.Thursday, (DateTime?)due, w.First)));
        Assert.That(await follows.GetPreferenceAsync(w.Candidate), Is.Null);
        Assert.That(await follows.GetImmediateAsync([w.Peer, w.Mentor, w.Candidate]), Is.EqualTo(new[] { w.Mentor }));

        Assert.That((await follows.GetDueAsync(due.AddSeconds(-1), 100)).Where(d => d.Preference.UserId == w.Peer), Is.Empty);
        var found = (await follows.GetDueAsync(due, 100)).Single(d => d.Preference.UserId == w.Peer);
        Assert.That(found.TimeZone, Is.EqualTo("Asia/Dubai"));

        var next = due.AddDays(7);
        Assert.That(await follows.ClaimDigestAsync(w.Peer, found.Preference.NextDigestUtc!.Value, next, w.First + 5, due), Is.True);
        Assert.That(await follows.ClaimDigestAsync(w.Peer, found.Preference.NextDigestUtc!.Value, next, w.First + 5, due), Is.False, "a second instance with the same read loses");
        var after = (await follows.GetPreferenceAsync(w.Peer))!;
        Assert.That((after.NextDigestUtc, after.LastDigestUtc, after.LastPostId), Is.EqualTo(((DateTime?)next, (DateTime?)due, w.First + 5)));
        Assert.That((await follows.GetDueAsync(due.AddDays(1), 100)).Where(d => d.Preference.UserId == w.Peer), Is.Empty);
    }

    [Test]
    public async Task NewPosts_AreThoseAfterTheWatermarkInWhatThePersonFollows_NotTheirOwnDeletedOrHidden()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var follows = new FollowRepository(Db);
        var (otherThread, otherFirst) = await repository.AddThreadAsync(new NewThread(w.General, w.Mentor, "Not followed", "Elsewhere", T1));
        await follows.FollowAsync(w.Peer, FollowKind.Thread, w.Thread, T1);
        var replies = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            replies.Add(await repository.AddReplyAsync(new NewReply(w.Thread, i == 2 ? w.Peer : w.Candidate, $"Reply {i}", null, T1.AddMinutes(i))));
        }

        await repository.DeleteAsync(replies[2], T1.AddMinutes(10));
        await new ModerationRepository(Db).HideAsync(replies[3], w.Mentor, "No", T1.AddMinutes(10));
        var upto = await follows.GetMaxPostIdAsync();

        var posts = await follows.GetNewPostsAsync(w.Peer, w.First, upto, 100);
        Assert.That(posts.Select(p => p.Body), Is.EqualTo(new[] { "Reply 1", "Reply 5" }));
        Assert.That(posts.Select(p => p.Before), Is.EqualTo(new[] { 1, 5 }));
        Assert.That((posts[0].ThreadTitle, posts[0].CohortId, posts[0].StudyGroupId, posts[0].AuthorUserId), Is.EqualTo(("Followed", w.CohortId, (int?)null, w.Candidate)));
        Assert.That((await follows.GetNewPostsAsync(w.Peer, replies[0], replies[3], 100)), Is.Empty, "only up to the bound");

        await follows.FollowAsync(w.Peer, FollowKind.Topic, w.General, T1);
        var withTopic = await follows.GetNewPostsAsync(w.Peer, 0, upto, 100);
        Assert.That(withTopic.Select(p => p.PostId), Is.EqualTo(new[] { w.First, otherFirst, replies[0], replies[4] }));
        Assert.That(otherThread, Is.Not.EqualTo(w.Thread));
        Assert.That((await follows.GetFollowedPostAsync(replies[4]))!.Before, Is.EqualTo(5));
        Assert.That(await follows.GetFollowedPostAsync(replies[3]), Is.Null, "hidden");
    }

    [Test]
    public async Task PersonalData_ExportsSubscriptionsAndTheChoice_AndErasureDeletesThem()
    {
        var w = await ArrangeAsync();
        var follows = new FollowRepository(Db);
        await follows.FollowAsync(w.Peer, FollowKind.Thread, w.Thread, T1);
        await follows.SavePreferenceAsync(new DigestPreference { UserId = w.Peer, Frequency = DigestFrequency.Daily, NextDigestUtc = T1 }, T1);
        var discussions = new DiscussionRepository(Db);
        var bens = await discussions.AddReplyAsync(new NewReply(w.Thread, w.Peer, "Ben's own words", null, T1));
        var amiras = await discussions.AddReplyAsync(new NewReply(w.Thread, w.Candidate, "Mentions Ben Peer in passing", null, T1));
        var outbox = new Npq.Data.Notifications.MailOutboxRepository(Db);
        var quoting = await outbox.AddAsync(QuotingMail(w.Thread, (bens, "Ben Peer", "Ben's own words"), (amiras, "Amira", "Mentions Ben Peer in passing")));
        var unrelated = await outbox.AddAsync(QuotingMail(w.Thread, (amiras, "Amira", "Mentions Ben Peer in passing")));
        var data = new FollowPersonalData(Db);

        var export = await data.ExportAsync(w.Peer);
        Assert.That(export.Sections.Single(s => s.Name == "discussion_subscriptions").Rows.Select(r => r["TargetId"]?.ToString()), Is.EqualTo(new[] { w.Thread.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.That(export.Sections.Single(s => s.Name == "discussion_email_choice").Rows.Select(r => r["Frequency"]), Is.EqualTo(new[] { "Daily" }));

        await data.EraseAsync(w.Peer);
        Assert.That(await follows.IsFollowingAsync(w.Peer, FollowKind.Thread, w.Thread), Is.False);
        Assert.That(await follows.GetPreferenceAsync(w.Peer), Is.Null);
        await using var connection = await Db.OpenAsync();
        var bodies = (await Dapper.SqlMapper.QueryAsync(connection, "SELECT Id, TextBody FROM MailOutbox WHERE Id IN @ids", new { ids = new[] { quoting, unrelated } }))
            .ToDictionary(r => Convert.ToInt32(r.Id, System.Globalization.CultureInfo.InvariantCulture), r => (string)r.TextBody);
        Assert.That(bodies[quoting], Is.EqualTo(FollowPersonalData.RemovedMailText), "a mail quoting the erased person's post under their name");
        Assert.That(bodies[unrelated], Does.Contain("Mentions Ben Peer in passing"), "only mails where they are the author");
    }

    [Test]
    public async Task MailsQueuedBeforeTheyRecordedTheirPosts_AreLinkedToThemByTheMigration()
    {
        if (typeof(TDatabase) != typeof(SqliteTestDatabase))
        {
            Assert.Ignore("the SQL Server script's backfill is checked by SQL Server's parser only; no SQL Server runs here");
        }

        var w = await ArrangeAsync();
        var discussions = new DiscussionRepository(Db);
        var bens = await discussions.AddReplyAsync(new NewReply(w.Thread, w.Peer, "Ben's own words", null, T1));
        var outbox = new Npq.Data.Notifications.MailOutboxRepository(Db);
        var old = QuotingMail(w.Thread, (w.First, "Amira", "Opening"), (bens, "Ben Peer", "Ben's own words"));
        var quoting = await outbox.AddAsync(new Npq.Core.Notifications.OutboxMail
        {
            ToAddress = old.ToAddress, Subject = old.Subject, TextBody = old.TextBody, CreatedUtc = T1, NextAttemptUtc = T1,
        });
        var script = new StreamReader(typeof(Npq.Data.Infrastructure.SqliteDialect).Assembly
            .GetManifestResourceStream("Npq.Data.Scripts.sqlite.0057_mail_quoted_posts.sql")!).ReadToEnd();

        await using var connection = await Db.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, script[script.IndexOf("-- backfill", StringComparison.Ordinal)..]);

        var linked = await Dapper.SqlMapper.QueryAsync<int>(connection, "SELECT PostId FROM MailOutboxPosts WHERE MailId = @quoting ORDER BY PostId", new { quoting });
        Assert.That(linked, Is.EqualTo(new[] { w.First, bens }));
        await new FollowPersonalData(Db).EraseAsync(w.Peer);
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT TextBody FROM MailOutbox WHERE Id = @quoting", new { quoting }), Is.EqualTo(FollowPersonalData.RemovedMailText));
    }

    /// <summary>A digest as <see cref="DiscussionMail"/> queues it: its text, and the posts it quotes.</summary>
    private static Npq.Core.Notifications.OutboxMail QuotingMail(int thread, params (int Id, string Author, string Body)[] posts) => new()
    {
        ToAddress = "someone@repo.example", Subject = $"{posts.Length} new posts in discussions you follow", CreatedUtc = T1, NextAttemptUtc = T1,
        TextBody = DiscussionMail.Compose("Someone", [.. posts.Select(p => new FollowedPost { PostId = p.Id, ThreadId = thread, ThreadTitle = "Followed", AuthorName = p.Author, Body = p.Body, CreatedUtc = T1 })], null, "https://npq.example"),
        QuotedPostIds = [.. posts.Select(p => p.Id)],
    };
}
