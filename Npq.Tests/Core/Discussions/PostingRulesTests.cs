using Npq.Core.Discussions;

namespace Npq.Tests.Core.Discussions;

public sealed class PostingRulesTests
{
    private static readonly DateTime Posted = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);

    [TestCase(0, true)]
    [TestCase(30, true)]
    [TestCase(31, false)]
    public void Author_EditsWithinThirtyMinutes_NotAfter(int minutesLater, bool allowed) =>
        Assert.That(PostingRules.MayEdit(new Viewer(1, false), 1, Posted, null, Posted.AddMinutes(minutesLater)), Is.EqualTo(allowed));

    [Test]
    public void Moderator_EditsAnyTime_NobodyEditsADeletedPost_NorSomeoneElsesAsACandidate()
    {
        Assert.That(PostingRules.MayEdit(new Viewer(2, true), 1, Posted, null, Posted.AddDays(10)), Is.True);
        Assert.That(PostingRules.MayEdit(new Viewer(1, false), 1, Posted, Posted.AddMinutes(1), Posted.AddMinutes(2)), Is.False);
        Assert.That(PostingRules.MayEdit(new Viewer(2, false), 1, Posted, null, Posted.AddMinutes(1)), Is.False);
    }

    [TestCase(0, false)]
    [TestCase(4, false)]
    [TestCase(5, true)]
    public void RateLimit_HoldsBackTheSixthPostInAMinute(int postsInLastMinute, bool limited) =>
        Assert.That(PostingRules.IsRateLimited(postsInLastMinute), Is.EqualTo(limited));

    [Test]
    public void Announcements_OnlyModeratorsPost_LockedThreadsOnlyModerators()
    {
        Assert.That(PostingRules.MayPost(new Viewer(1, false), TopicKind.Announcements), Is.False);
        Assert.That(PostingRules.MayPost(new Viewer(1, true), TopicKind.Announcements), Is.True);
        Assert.That(PostingRules.MayPost(new Viewer(1, false), TopicKind.General, threadLocked: true), Is.False);
        Assert.That(PostingRules.MayPost(new Viewer(1, true), TopicKind.General, threadLocked: true), Is.True);
        Assert.That(PostingRules.MayPost(new Viewer(1, false), TopicKind.Module), Is.True);
    }

    [Test]
    public void TitleBodyAndReason_BlankOrTooLong_AreRefusedWithAMessage()
    {
        Assert.That(PostingRules.CheckTitle("  ")[PostingRules.TitleField], Is.EqualTo("Enter a title for the thread."));
        Assert.That(PostingRules.CheckTitle(new string('x', 151))[PostingRules.TitleField], Does.Contain("150 characters"));
        Assert.That(PostingRules.CheckTitle("Fine"), Is.Empty);
        Assert.That(PostingRules.CheckBody(null)[PostingRules.BodyField], Is.EqualTo("Write something to post."));
        Assert.That(PostingRules.CheckBody(new string('x', 10_001)), Contains.Key(PostingRules.BodyField));
        Assert.That(PostingRules.CheckReason(""), Contains.Key(PostingRules.ReasonField));
    }

    [Test]
    public void Standing_AGroupsSpace_IsReadByItsMembersAndModeratorsOnly()
    {
        var member = new Standing { Enrolled = true, GroupId = 7 };
        Assert.Multiple(() =>
        {
            Assert.That(member.CanRead(null), Is.True);
            Assert.That(member.CanRead(7), Is.True);
            Assert.That(member.CanRead(8), Is.False);
            Assert.That(new Standing { Facilitates = true }.CanRead(8), Is.True);
            Assert.That(new Standing { Administers = true }.CanRead(8), Is.True);
            Assert.That(Standing.Nobody.CanRead(null), Is.False, "a withdrawn candidate is not enrolled, so reads nothing");
        });
    }
}
