using Npq.Core.Discussions;

namespace Npq.Web.Demo;

/// <summary>
/// The demo NPQSL course's course-wide space (issue 21), switched on by the demo admin (Sam, audited like any switch),
/// with two threads where the UK cohort (Ben) and the international one (Amira and a peer) meet, each post showing its
/// author's cohort. Written through the discussions' own use cases, within the rate limit. Idempotent: a course whose
/// switch an admin has ever set (on or off) is left alone, so a later "off" is never undone by the demo.
/// </summary>
public sealed class CourseSpaceDemoSeed(CourseSpaces switches, DiscussionReading reading, DiscussionPosting posting) : IDemoSeedStep
{
    public int Order => 72;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var admin = context.User("admin@npq.example");
        var setting = (await switches.SettingsAsync(admin)).FirstOrDefault(s => s.CourseId == context.CourseId);
        if (setting is null || setting.ChangedUtc is not null)
        {
            return;
        }

        await switches.SwitchAsync(context.CourseId, true, admin, null);
        if (await reading.FindCourseSpaceAsync(context.CourseId) is not { } course)
        {
            return;
        }

        var amira = new Viewer(context.User("candidate1@npq.example"), false);
        var ben = new Viewer(context.User("candidate2@npq.example"), false);
        var priya = new Viewer(context.User("mentor@npq.example"), true);
        var space = await reading.SpaceAsync(course, priya, 0);
        var general = space.Topics.First(t => t.Topic.Kind == TopicKind.General).Topic;
        var announcements = space.Topics.First(t => t.Topic.Kind == TopicKind.Announcements).Topic;

        await Done(posting.StartThreadAsync(announcements, priya, "A space for both cohorts",
            "This space is shared by the Riverside cohort and the international cohort. Times show in UK time and in your own zone."));
        var hello = await reading.FindThreadAsync(Done(await posting.StartThreadAsync(general, amira, "Hello from Dubai",
            "I lead KS3 at a British school in Dubai. Is anyone in the UK cohort working on [[sc-lt-1]] this term?")).ThreadId);
        Done(await posting.ReplyAsync(hello!, ben, $"Hello @[Amira Haddad]({amira.UserId}) from Riverside! We are: our CPD cycle starts with it. Happy to swap plans.", null));
        var reading2 = await reading.FindThreadAsync(Done(await posting.StartThreadAsync(general, ben, "A reading group across cohorts?",
            "Would anyone like to read the culture module's texts together, one call a fortnight? Evenings UK time suit the Gulf too.")).ThreadId);
        Done(await posting.ReplyAsync(reading2!, amira, "Yes please — 18:00 UK time is 22:00 here in winter, which still works.", null));
    }

    private static async Task<PostingResult> Done(Task<PostingResult> posting) => Done(await posting);

    /// <summary>The result of a use case that must succeed: demo data that breaks the rules is a bug in the demo.</summary>
    private static PostingResult Done(PostingResult result) => result.Outcome == PostingOutcome.Done
        ? result
        : throw new InvalidOperationException("The demo course-wide discussion broke a rule: " + string.Join("; ", result.Problems.Values.Append(result.Outcome.ToString())));
}
