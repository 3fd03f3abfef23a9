using Npq.Core.Accounts;
using Npq.Core.Discussions;

namespace Npq.Web.Demo;

/// <summary>
/// A lively space for each demo cohort, written through the discussions' own use cases: an announcement from the
/// facilitator (Priya), threads in the first two module topics and in General with replies from several candidates (a
/// quote and a mention among them), two study groups (no posts yet, so the facilitator can still make them again), a
/// reported reply waiting in the moderation queue, and replies Amira and Ben have not read. Each person posts at most
/// four times, within the rate limit. Idempotent: a cohort whose announcements topic has a thread is left alone.
/// </summary>
public sealed class DiscussionsDemoSeed(
    DiscussionReading reading,
    DiscussionPosting posting,
    DiscussionModeration moderation,
    StudyGroupAdministration groups,
    IUserRepository users) : IDemoSeedStep
{
    private const string Domain = "demo.npq.example";

    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context)
    {
        var facilitator = new Viewer(context.User("mentor@npq.example"), true);
        await SeedCohortAsync(context.InternationalCohortId, facilitator, context.User("candidate1@npq.example"), "Amira Haddad", "intl");
        await SeedCohortAsync(context.UkCohortId, facilitator, context.User("candidate2@npq.example"), "Ben Carter", "uk");
    }

    private async Task SeedCohortAsync(int cohortId, Viewer facilitator, int demoCandidate, string demoName, string prefix)
    {
        var cohort = await reading.FindCohortAsync(cohortId);
        if (cohort is null)
        {
            return;
        }

        var space = await reading.SpaceAsync(cohort, facilitator, 0);
        var announcements = space.Topics.First(t => t.Topic.Kind == TopicKind.Announcements);
        if (announcements.Threads > 0)
        {
            return;
        }

        // Extra candidates from the enrolment step (uk-04…, intl-03…: active ones, clear of the withdrawn uk-01).
        var peers = new List<Viewer>();
        for (var i = 4; i < 10; i++)
        {
            if (await users.FindByNormalizedEmailAsync($"{prefix}-{i:00}@{Domain}".ToUpperInvariant()) is { } user)
            {
                peers.Add(new Viewer(user.Id, false));
            }
        }

        if (peers.Count < 5)
        {
            return;
        }

        var me = new Viewer(demoCandidate, false);
        var modules = space.Topics.Where(t => t.Topic.Kind == TopicKind.Module).Select(t => t.Topic).ToList();
        var general = space.Topics.First(t => t.Topic.Kind == TopicKind.General).Topic;

        await StartAsync(announcements.Topic, facilitator, "Welcome to the cohort's discussion space",
            "Welcome, everyone. Each module has its own topic: share what you try in school and what you read. **Be kind, be specific.** The first webinar's recording is in Learn.");

        if (modules.Count > 0)
        {
            var audit = await StartAsync(modules[0], peers[0], "How did you start your culture audit?",
                "I began with a short staff survey, but the answers felt polite rather than honest. What worked for you?");
            await ReplyAsync(audit, me, "We walked the corridors at transition times and wrote down only what we saw. It told us more than the survey did.");
            var quoted = await ReplyAsync(audit, peers[1], "Pupil voice: a dozen Year 8s, one question each — *what happens here when an adult is not looking?*");
            await ReplyAsync(audit, peers[2], $"> Pupil voice: a dozen Year 8s\n\nThis. @{demoName}, did you share the corridor notes with staff, or keep them for the leadership team?", quoted);
            await ReplyAsync(audit, peers[3], "We shared ours anonymised. It started a better conversation than any slide deck.");
            var advert = await ReplyAsync(audit, peers[4], "Buy my culture audit template pack, only £49 — message me!");
            await moderation.ReportAsync((await reading.FindPostAsync(advert))!, peers[0], "An advert, not a contribution.");
        }

        if (modules.Count > 1)
        {
            var sequencing = await StartAsync(modules[1], me, "Sequencing the curriculum across phases",
                "How are you making sure what Year 7 learn builds on Year 6? Our primary partners use different schemes.");
            await ReplyAsync(sequencing, peers[1], "We swapped long-term plans with our three biggest feeder schools and mapped the overlaps in one afternoon.");
            await ReplyAsync(sequencing, peers[3], "A shared vocabulary list per subject helped us more than aligning the schemes themselves.");
        }

        var hello = await StartAsync(general, peers[2], "Introduce yourself", "Where do you teach, and what do you hope to change this year?");
        await ReplyAsync(hello, peers[0], "Deputy head in a 1,200-pupil secondary. Attendance after lunch is my project.");
        await ReplyAsync(hello, peers[4], "Assistant head, primary. I want our feedback policy to be one page long.");

        await groups.SplitAsync(cohort, facilitator, 2, new Random(cohortId), null);
    }

    private async Task<ThreadHeader> StartAsync(Topic topic, Viewer author, string title, string body)
    {
        var result = await posting.StartThreadAsync(topic, author, title, body);
        return await reading.FindThreadAsync(Done(result).ThreadId) ?? throw new InvalidOperationException("The demo thread vanished.");
    }

    private async Task<int> ReplyAsync(ThreadHeader thread, Viewer author, string body, int? quoted = null) =>
        Done(await posting.ReplyAsync(thread, author, body, quoted)).PostId;

    /// <summary>The result of a use case that must succeed: demo data that breaks the rules is a bug in the demo.</summary>
    private static PostingResult Done(PostingResult result) => result.Outcome == PostingOutcome.Done
        ? result
        : throw new InvalidOperationException("The demo discussion broke a rule: " + string.Join("; ", result.Problems.Values.Append(result.Outcome.ToString())));
}
