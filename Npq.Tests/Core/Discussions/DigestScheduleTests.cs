using Npq.Core.Discussions;

namespace Npq.Tests.Core.Discussions;

/// <summary>When a digest is due next: the person's local time in their zone, across clock changes, daily and weekly.</summary>
public sealed class DigestScheduleTests
{
    private const string London = "Europe/London";

    private static DateTime Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Test]
    public void Daily_InLondon_IsTheNextLocalTime_InWinterAndSummer()
    {
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(7, 30), DayOfWeek.Monday, London, Utc(1, 10, 8)), Is.EqualTo(Utc(1, 11, 7, 30)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(7, 30), DayOfWeek.Monday, London, Utc(7, 10, 5)), Is.EqualTo(Utc(7, 10, 6, 30)), "07:30 BST is 06:30 UTC");
    }

    [Test]
    public void Daily_OnTheDayLondonsClocksGoForward_KeepsTheLocalTime_AndAMissingTimeMovesOnByTheGap()
    {
        // Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST.
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(7, 30), DayOfWeek.Monday, London, Utc(3, 28, 8)), Is.EqualTo(Utc(3, 29, 6, 30)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, London, Utc(3, 28, 12)), Is.EqualTo(Utc(3, 29, 1, 30)), "01:30 does not exist: 02:30 BST");
    }

    [Test]
    public void Daily_OnTheDayLondonsClocksGoBack_SendsAtTheFirst0130_AndNotAgainAtTheSecond()
    {
        // Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice (00:30 and 01:30 UTC).
        var first = DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, London, Utc(10, 24, 12));
        Assert.That(first, Is.EqualTo(Utc(10, 25, 0, 30)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(1, 30), DayOfWeek.Monday, London, first!.Value), Is.EqualTo(Utc(10, 26, 1, 30)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(18, 0), DayOfWeek.Monday, London, Utc(10, 25, 12)), Is.EqualTo(Utc(10, 25, 18)), "18:00 GMT");
    }

    [Test]
    public void Weekly_IsTheChosenWeekdayInThePersonsZone()
    {
        // Wednesday 2 December 2026; Dubai is UTC+4 all year.
        Assert.That(DigestSchedule.Next(DigestFrequency.Weekly, new TimeOnly(18, 0), DayOfWeek.Monday, "Asia/Dubai", Utc(12, 2, 12)), Is.EqualTo(Utc(12, 7, 14)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Weekly, new TimeOnly(18, 0), DayOfWeek.Monday, "Asia/Dubai", Utc(12, 7, 13)), Is.EqualTo(Utc(12, 7, 14)), "later the same Monday");
        Assert.That(DigestSchedule.Next(DigestFrequency.Weekly, new TimeOnly(18, 0), DayOfWeek.Monday, "Asia/Dubai", Utc(12, 7, 14)), Is.EqualTo(Utc(12, 14, 14)), "just sent: next week");
        // Auckland (UTC+13 in December) is already on Thursday when it is Wednesday evening in UTC.
        Assert.That(DigestSchedule.Next(DigestFrequency.Weekly, new TimeOnly(9, 0), DayOfWeek.Thursday, "Pacific/Auckland", Utc(12, 2, 22)), Is.EqualTo(Utc(12, 9, 20)));
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(9, 0), DayOfWeek.Monday, "Pacific/Auckland", Utc(12, 2, 22)), Is.EqualTo(Utc(12, 3, 20)));
    }

    [Test]
    public void OffAndImmediately_HaveNoDigestTime_AndAnUnknownZoneIsUtc()
    {
        Assert.That(DigestSchedule.Next(DigestFrequency.Off, new TimeOnly(9, 0), DayOfWeek.Monday, London, Utc(1, 1, 0)), Is.Null);
        Assert.That(DigestSchedule.Next(DigestFrequency.Immediately, new TimeOnly(9, 0), DayOfWeek.Monday, London, Utc(1, 1, 0)), Is.Null);
        Assert.That(DigestSchedule.Next(DigestFrequency.Daily, new TimeOnly(9, 0), DayOfWeek.Monday, "Not/AZone", Utc(1, 1, 10)), Is.EqualTo(Utc(1, 2, 9)));
    }

    [Test]
    public void MailLinks_GoToThePageHoldingThePost_AtItsAnchor_AndTheTextIsPlain()
    {
        var post = new FollowedPost { PostId = 77, ThreadId = 5, ThreadTitle = "T <b>", AuthorName = "Ann", Body = "**Hi** <script>", CreatedUtc = Utc(1, 10, 9), Before = 30 };
        Assert.That(DiscussionMail.PostPath(post), Is.EqualTo("/discussions/threads/5?page=2#post-77"));
        Assert.That(DiscussionMail.PostPath(post with { Before = 24 }), Is.EqualTo("/discussions/threads/5?page=1#post-77"));
        var text = DiscussionMail.Compose("Ben", [post], London, "https://npq.example/");
        Assert.That(text, Does.Contain("https://npq.example/discussions/threads/5?page=2#post-77").And.Contain("Ann, Sat 10 Jan 2026, 09:00 London time").And.Contain("**Hi** <script>"));
    }
}
