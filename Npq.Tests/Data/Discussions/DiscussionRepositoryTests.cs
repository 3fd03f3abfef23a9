using Npq.Core.Accounts;
using Npq.Core.Discussions;
using Npq.Data.Accounts;
using Npq.Data.Discussions;
using Npq.Data.Enrolment;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>The discussion repositories' contract on each database: standing, topics, threads and posts, unread counts, moderation, groups and data rights.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class DiscussionRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);

    private async Task<(int CohortId, int Candidate, int Mentor, int Peer, int General)> ArrangeAsync()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var email = $"{Guid.NewGuid():N}@repo.example";
        var peer = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Ben Peer", CreatedUtc = T1 };
        await new UserRepository(Db).CreateAsync(peer);
        await new EnrolmentRepository(Db).EnsureAsync(cohortId, peer.Id, null, T1);
        var repository = new DiscussionRepository(Db);
        await repository.EnsureTopicsAsync(cohortId, T1);
        var general = (await repository.GetTopicsAsync(cohortId, candidate)).Single(t => t.Topic.Kind == TopicKind.General).Topic.Id;
        return (cohortId, candidate, mentor, peer.Id, general);
    }

    [Test]
    public async Task Standing_TellsCandidatesMentorsAndStrangersApart()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var (_, stranger, _) = await WebinarsData.CohortAsync(Db);

        var candidate = await repository.GetStandingAsync(w.CohortId, w.Candidate);
        var mentor = await repository.GetStandingAsync(w.CohortId, w.Mentor);
        var other = await repository.GetStandingAsync(w.CohortId, stranger);

        Assert.That((candidate.Enrolled, candidate.IsModerator, candidate.CanRead(null)), Is.EqualTo((true, false, true)));
        Assert.That((mentor.Enrolled, mentor.Facilitates, mentor.CanRead(12345)), Is.EqualTo((false, true, true)));
        Assert.That((other.Enrolled, other.IsModerator, other.CanRead(null)), Is.EqualTo((false, false, false)));
        Assert.That((await repository.GetSpacesPageAsync(w.Candidate, 0, 25)).Rows.Select(s => s.CohortId), Is.EqualTo(new[] { w.CohortId }));
        Assert.That((await repository.GetReadersAsync(w.CohortId, null)).Select(r => r.UserId), Is.EquivalentTo(new[] { w.Candidate, w.Mentor, w.Peer }));
    }

    [Test]
    public async Task EnsureTopics_Twice_MakesEachTopicOnce_AndAGroupsTopicWhenTheGroupExists()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        await new StudyGroupRepository(Db).ReplaceGroupsAsync(w.CohortId, [[w.Candidate], [w.Peer]], T1);

        await repository.EnsureTopicsAsync(w.CohortId, T1);
        await repository.EnsureTopicsAsync(w.CohortId, T1);

        var topics = await repository.GetTopicsAsync(w.CohortId, w.Candidate);
        Assert.That(topics.Select(t => (t.Topic.Kind, t.Topic.Title)), Is.EqualTo(new[]
        {
            (TopicKind.Announcements, "Announcements"), (TopicKind.General, "General"), (TopicKind.Group, "Study group 1"), (TopicKind.Group, "Study group 2"),
        }));
        Assert.That((await repository.GetStandingAsync(w.CohortId, w.Peer)).GroupId, Is.EqualTo(topics[3].Topic.StudyGroupId));
    }

    [Test]
    public async Task ThreadAndReplies_ArePaged_CountedUnreadForOthers_AndMarkedRead()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var (thread, first) = await repository.AddThreadAsync(new NewThread(w.General, w.Candidate, "Title", "Opening", T1));
        var replies = new List<int>();
        for (var i = 1; i <= 3; i++)
        {
            replies.Add(await repository.AddReplyAsync(new NewReply(thread, i == 2 ? w.Candidate : w.Peer, $"Reply {i}", i == 3 ? first : null, T1.AddMinutes(i))));
        }

        var header = (await repository.GetThreadAsync(thread))!;
        Assert.That((header.PostCount, header.FirstPostId, header.LastPostId, header.CohortId, header.TopicKind), Is.EqualTo((4, first, replies[^1], w.CohortId, TopicKind.General)));
        Assert.That((await repository.GetPostsAsync(thread, w.Peer, 1, 2)).Select(p => p.Body), Is.EqualTo(new[] { "Reply 1", "Reply 2" }));
        Assert.That((await repository.GetPostsAfterAsync(thread, replies[0], w.Peer, 10)).Select(p => p.Id), Is.EqualTo(replies.Skip(1)));
        Assert.That(await repository.CountPostsBeforeAsync(thread, replies[2]), Is.EqualTo(3));
        Assert.That(await repository.CountPostsBeforeAsync(thread, replies[0]), Is.EqualTo(1));
        Assert.That(await repository.CountPostsBeforeAsync(thread, first), Is.Zero);
        Assert.That((await repository.GetThreadsAsync(w.General, w.Candidate, 0, 10)).Rows.Single().Unread, Is.EqualTo(1), "the peer's reply after the candidate's own last post");
        Assert.That((await repository.GetThreadsAsync(w.General, w.Mentor, 0, 10)).Rows.Single().Unread, Is.EqualTo(4));

        await repository.MarkReadAsync(thread, w.Mentor, replies[0]);
        await repository.MarkReadAsync(thread, w.Mentor, first);
        Assert.That(await repository.GetReadMarkerAsync(thread, w.Mentor), Is.EqualTo(replies[0]), "a marker never moves back");
        Assert.That((await repository.GetTopicsAsync(w.CohortId, w.Mentor)).Single(t => t.Topic.Id == w.General).Unread, Is.EqualTo(2));
        await repository.MarkAllReadAsync([w.General], w.Mentor);
        Assert.That((await repository.GetTopicsAsync(w.CohortId, w.Mentor)).Single(t => t.Topic.Id == w.General).Unread, Is.Zero);
        Assert.That((await repository.GetPostAsync(replies[2]))!.QuotedPostId, Is.EqualTo(first));
    }

    [Test]
    public async Task PostingWindow_CountsThePersonsPostsInTheirMinute_ThenOpensANewOne()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);

        var minute = TimeSpan.FromMinutes(1);
        Assert.That(await repository.CountPostInWindowAsync(w.Peer, T1, minute), Is.EqualTo(1), "the first post opens the person's window");
        Assert.That(await repository.CountPostInWindowAsync(w.Peer, T1.AddSeconds(30), minute), Is.EqualTo(2));
        Assert.That(await repository.CountPostInWindowAsync(w.Candidate, T1.AddSeconds(40), minute), Is.EqualTo(1), "each person has their own window");
        Assert.That(await repository.CountPostInWindowAsync(w.Peer, T1.AddSeconds(59), minute), Is.EqualTo(3));
        Assert.That(await repository.CountPostInWindowAsync(w.Peer, T1.AddSeconds(60), minute), Is.EqualTo(1), "a minute after it opened, a new window opens");
        Assert.That(await repository.CountPostInWindowAsync(w.Peer, T1.AddSeconds(61), minute), Is.EqualTo(2));
    }

    [Test]
    public async Task EditHelpfulDeleteAndHide_KeepHistoryCountsAndReasons()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var moderation = new ModerationRepository(Db);
        var (thread, first) = await repository.AddThreadAsync(new NewThread(w.General, w.Candidate, "Edits", "Version one", T1));
        var reply = await repository.AddReplyAsync(new NewReply(thread, w.Peer, "Rude", null, T1));

        await repository.EditAsync(first, "Version two", w.Candidate, T1.AddMinutes(5));
        Assert.That(await repository.ToggleHelpfulAsync(first, w.Peer), Is.True);
        Assert.That(await repository.ToggleHelpfulAsync(first, w.Mentor), Is.True);
        Assert.That(await repository.ToggleHelpfulAsync(first, w.Mentor), Is.False);
        await repository.DeleteAsync(first, T1.AddMinutes(6));
        await moderation.ReportAsync(reply, w.Candidate, "Unkind", T1);
        Assert.That((await moderation.GetOpenReportsAsync(w.CohortId)).Select(r => (r.PostId, r.Reason, r.ReporterName)), Is.EqualTo(new[] { (reply, "Unkind", "Amira") }));
        await moderation.HideAsync(reply, w.Mentor, "Keep it kind", T1.AddMinutes(7));

        var post = (await repository.GetPostAsync(first))!;
        var hidden = (await repository.GetPostAsync(reply))!;
        Assert.That((post.Body, post.EditedUtc, post.HelpfulCount, post.DeletedUtc), Is.EqualTo(("Version two", (DateTime?)T1.AddMinutes(5), 1, (DateTime?)T1.AddMinutes(6))));
        Assert.That((await repository.GetEditsAsync(first)).Select(e => e.PreviousBody), Is.EqualTo(new[] { "Version one" }));
        Assert.That((hidden.HiddenUtc, hidden.HiddenReason), Is.EqualTo(((DateTime?)T1.AddMinutes(7), "Keep it kind")));
        Assert.That(await moderation.GetOpenReportsAsync(w.CohortId), Is.Empty);
    }

    [Test]
    public async Task StudyGroups_ReplaceAssignAndKnowWhenPostedTo()
    {
        var w = await ArrangeAsync();
        var groups = new StudyGroupRepository(Db);
        await groups.ReplaceGroupsAsync(w.CohortId, [[w.Candidate, w.Peer], []], T1);
        await groups.ReplaceGroupsAsync(w.CohortId, [[w.Candidate], [w.Peer]], T1);
        var made = await groups.GetGroupsAsync(w.CohortId);
        Assert.That(made.Select(g => g.Members.Select(m => m.UserId).ToList()), Is.EqualTo(new[] { new[] { w.Candidate }, new[] { w.Peer } }));

        await groups.SetMemberAsync(w.CohortId, w.Peer, made[0].Id);
        Assert.That((await groups.GetGroupsAsync(w.CohortId))[0].Members.Select(m => m.UserId), Is.EquivalentTo(new[] { w.Candidate, w.Peer }));
        Assert.That(await groups.AnyGroupPostsAsync(w.CohortId), Is.False);

        var repository = new DiscussionRepository(Db);
        await repository.EnsureTopicsAsync(w.CohortId, T1);
        var groupTopic = (await repository.GetTopicsAsync(w.CohortId, w.Candidate)).First(t => t.Topic.StudyGroupId == made[0].Id).Topic.Id;
        await repository.AddThreadAsync(new NewThread(groupTopic, w.Candidate, "Ours", "Hi", T1));
        Assert.That(await groups.AnyGroupPostsAsync(w.CohortId), Is.True);
        Assert.That((await repository.GetReadersAsync(w.CohortId, made[1].Id)).Select(r => r.UserId), Is.EquivalentTo(new[] { w.Mentor }), "the other group's members are its readers; now nobody but the mentor");
    }

    [Test]
    public async Task PersonalData_ExportsThePersonsPosts_AndErasureKeepsTheThreadReadable()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var (thread, first) = await repository.AddThreadAsync(new NewThread(w.General, w.Peer, "My question", "My words", T1));
        var other = await repository.AddReplyAsync(new NewReply(thread, w.Candidate, "An answer", null, T1));
        await repository.EditAsync(first, "My better words", w.Peer, T1);
        var data = new DiscussionsPersonalData(Db);

        var export = await data.ExportAsync(w.Peer);
        Assert.That(export.Sections.Single(s => s.Name == "discussion_posts").Rows.Select(r => r["Body"]), Is.EqualTo(new[] { "My better words" }));
        Assert.That(export.Sections.Single(s => s.Name == "discussion_post_earlier_texts").Rows.Select(r => r["PreviousBody"]), Is.EqualTo(new[] { "My words" }));

        await data.EraseAsync(w.Peer);
        var posts = await repository.GetPostsAsync(thread, w.Candidate, 0, 10);
        Assert.That(posts.Select(p => (p.ShownName, p.Body)), Is.EqualTo(new[] { (DiscussionText.FormerParticipant, "removed"), ("Amira", "An answer") }));
        Assert.That((await repository.GetThreadAsync(thread))!.Title, Is.EqualTo("removed"));
        Assert.That(await repository.GetEditsAsync(first), Is.Empty);
        Assert.That(other, Is.GreaterThan(first));
    }

    [Test]
    public async Task Erasure_CountsAgainOnlyThePostsThePersonMarkedHelpful()
    {
        var w = await ArrangeAsync();
        var repository = new DiscussionRepository(Db);
        var (thread, marked) = await repository.AddThreadAsync(new NewThread(w.General, w.Candidate, "A question", "Words", T1));
        var other = await repository.AddReplyAsync(new NewReply(thread, w.Candidate, "More words", null, T1));
        await repository.ToggleHelpfulAsync(marked, w.Peer);
        await repository.ToggleHelpfulAsync(marked, w.Mentor);
        await repository.ToggleHelpfulAsync(other, w.Mentor);

        var outcome = await new DiscussionsPersonalData(Db).EraseAsync(w.Peer);

        var posts = await repository.GetPostsAsync(thread, w.Candidate, 0, 10);
        Assert.That(posts.Select(p => (p.Id, p.HelpfulCount)), Is.EqualTo(new[] { (marked, 1), (other, 1) }), "the peer's mark is gone from the count; the mentor's stay");
        Assert.That(outcome.RowsRemoved, Is.EqualTo(1), "the peer's one mark");
        Assert.That(outcome.RowsAnonymised, Is.Zero, "the peer wrote nothing; counting others' posts again anonymises nothing");
    }
}
