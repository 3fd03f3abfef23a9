using Npq.Core.Discussions;

namespace Npq.Web.Demo;

/// <summary>
/// Following in the demo, through the use cases: Amira (international cohort) follows her space's General topic and
/// gets a daily digest at 18:00 in her own zone; Ben (UK cohort) follows the first module's topic and gets a weekly
/// digest on Mondays at 08:00. Idempotent: following twice keeps one subscription, and a choice already made is kept.
/// </summary>
public sealed class DiscussionsFollowingDemoSeed(DiscussionReading reading, DiscussionFollowing following) : IDemoSeedStep
{
    public int Order => 71;

    public async Task SeedAsync(DemoSeedContext context)
    {
        await SeedAsync(context.InternationalCohortId, context.User("candidate1@npq.example"), TopicKind.General, "Daily", "18:00", "Monday");
        await SeedAsync(context.UkCohortId, context.User("candidate2@npq.example"), TopicKind.Module, "Weekly", "08:00", "Monday");
    }

    private async Task SeedAsync(int cohortId, int userId, TopicKind kind, string frequency, string time, string weekday)
    {
        if (await reading.FindCohortAsync(cohortId) is not { } cohort)
        {
            return;
        }

        var viewer = new Viewer(userId, false);
        var space = await reading.SpaceAsync(cohort, viewer, 0);
        if (space.Topics.FirstOrDefault(t => t.Topic.Kind == kind) is { } topic)
        {
            await following.SetFollowingAsync(viewer, FollowKind.Topic, topic.Topic.Id, true);
        }

        var (preference, _) = await following.PreferenceAsync(userId);
        if (preference.Frequency == DigestFrequency.Off && preference.NextDigestUtc is null && preference.LastPostId == 0)
        {
            await following.SavePreferenceAsync(userId, frequency, time, weekday);
        }
    }
}
