using Npq.Core.Frameworks;

namespace Npq.Bench;

/// <summary>
/// Every cohort's discussion space as people use it: announcements, general and a topic per module; thirty threads in
/// General (more than a page) and three in each of the first three modules' topics, each with replies from the cohort's
/// candidates in their own time zones; read markers part way. The bench candidate's cohort also has a 500-reply thread
/// (20 pages) to read, and a thread the posting scenario replies to.
/// </summary>
public sealed partial class DataGenerator
{
    internal sealed record DiscussionIds(int GeneralTopicId, int LongThreadId, int ReplyThreadId);

    private DiscussionIds Discussions(PeopleIds people, CohortIds cohorts, MaterialIds materials, Framework framework) => Batch(tx =>
    {
        using var topics = new BulkInsert(connection, tx, "DiscussionTopics", "CohortId", "TopicKey", "Kind", "ModuleId", "StudyGroupId", "Title", "Position", "CreatedUtc");
        using var threads = new BulkInsert(connection, tx, "DiscussionThreads", "TopicId", "AuthorUserId", "Title", "CreatedUtc", "LastPostId", "LastPostUtc", "PostCount",
            "IsLocked", "IsPinned", "AnswerPostId", "AuthorErased");
        using var posts = new BulkInsert(connection, tx, "DiscussionPosts", "ThreadId", "AuthorUserId", "Body", "QuotedPostId", "CreatedUtc", "HelpfulCount", "AuthorErased");
        using var markers = new BulkInsert(connection, tx, "DiscussionReadMarkers", "ThreadId", "UserId", "LastReadPostId");
        var membersOf = cohorts.CohortOfCandidate.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).Order().ToArray());
        var benchCandidate = people.Candidates[0];
        var benchCohort = cohorts.CohortOfCandidate[benchCandidate];
        var statementIds = framework.AllStatements.Select(s => s.Id).ToArray();
        var since = Now.AddDays(-120);
        var result = new DiscussionIds(0, 0, 0);

        // One thread with its posts; the thread row's counters follow its posts (set once the posts exist).
        (int Thread, int LastPost) Thread(int topic, int[] members, string title, int replies, DateTime start)
        {
            var author = members[_random.Next(members.Length)];
            var thread = threads.Add(topic, author, title, start, 0, start, 0, false, false, null, false);
            var last = 0;
            var when = start;
            for (var i = 0; i <= replies; i++)
            {
                var by = i == 0 ? author : members[_random.Next(members.Length)];
                var body = i % 7 == 3
                    ? $"Building on [[{statementIds[_random.Next(statementIds.Length)]}]]: we tried this in **our** school and it *worked* for the first term."
                    : $"Reply {i} about {title.ToLowerInvariant()}: what we did, what we would change, and a question for the group.";
                last = posts.Add(thread, by, body, null, when, i % 5 == 0 ? 1 : 0, false);
                when = when.AddMinutes(_random.Next(5, 240));
            }

            return (thread, last);
        }

        foreach (var cohort in cohorts.Ids)
        {
            if (!membersOf.TryGetValue(cohort, out var members) || members.Length == 0)
            {
                continue;
            }

            topics.Add(cohort, "announcements", "Announcements", null, null, "Announcements", 0, since);
            var general = topics.Add(cohort, "general", "General", null, null, "General", 1, since);
            var moduleTopics = materials.Modules.Select((module, i) => topics.Add(cohort, $"module:{module}", "Module", module, null,
                $"Module {i + 1}: {framework.Areas[i].Title}", 10 + i + 1, since)).ToArray();
            for (var t = 0; t < 30; t++)
            {
                var (thread, last) = Thread(general, members, $"General thread {t + 1}", 5, since.AddDays(t * 3));
                if (cohort == benchCohort && t % 2 == 0)
                {
                    markers.Add(thread, benchCandidate, last - 2);
                }
            }

            foreach (var topic in moduleTopics.Take(3))
            {
                for (var t = 0; t < 3; t++)
                {
                    Thread(topic, members, $"Module question {t + 1}", 8, since.AddDays(10 + (t * 7)));
                }
            }

            if (cohort == benchCohort)
            {
                var (longThread, longLast) = Thread(general, members, "Bench: a long thread", 500, since.AddDays(1));
                markers.Add(longThread, benchCandidate, longLast - 30);
                var (replyThread, _) = Thread(general, members, "Bench: replies arrive here", 1, since.AddDays(2));
                result = new DiscussionIds(general, longThread, replyThread);
            }
        }

        using (var counters = connection.CreateCommand())
        {
            counters.Transaction = tx;
            counters.CommandText = """
                UPDATE DiscussionThreads SET
                    LastPostId = (SELECT MAX(p.Id) FROM DiscussionPosts p WHERE p.ThreadId = DiscussionThreads.Id),
                    LastPostUtc = (SELECT MAX(p.CreatedUtc) FROM DiscussionPosts p WHERE p.ThreadId = DiscussionThreads.Id),
                    PostCount = (SELECT COUNT(*) FROM DiscussionPosts p WHERE p.ThreadId = DiscussionThreads.Id)
                """;
            counters.ExecuteNonQuery();
        }

        _rows += topics.Rows + threads.Rows + posts.Rows + markers.Rows;
        return result;
    });
}
