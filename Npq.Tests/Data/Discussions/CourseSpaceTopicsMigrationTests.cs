using Dapper;
using Microsoft.Data.Sqlite;

namespace Npq.Tests.Data.Discussions;

/// <summary>
/// Migration 0027 rebuilds DiscussionTopics on SQLite (CohortId nullable, CourseId added) under a table that threads
/// reference: run here on a database migrated to 0026 with topics and threads in it, with foreign keys on as the app's
/// connections have them, inside one transaction as DbUp runs a script.
/// </summary>
public sealed class CourseSpaceTopicsMigrationTests
{
    private static string Script(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(RepoRoot.Path, "db", "sqlite"), prefix + "_*.sql").Single());

    private static IEnumerable<string> ScriptsBefore0027() =>
        Directory.GetFiles(Path.Combine(RepoRoot.Path, "db", "sqlite"), "*.sql").Select(Path.GetFileName).Where(n => string.CompareOrdinal(n, "0027") < 0).Order(StringComparer.Ordinal).Select(n => n!);

    [TestCase(true)]
    [TestCase(false)]
    public async Task Migration0027_KeepsEveryTopicIdThreadAndTheSequence_AndAllowsOneCourseOrOneCohort(bool foreignKeys)
    {
        var file = Path.Combine(Path.GetTempPath(), $"npq-0027-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            foreach (var name in ScriptsBefore0027())
            {
                await connection.ExecuteAsync(File.ReadAllText(Path.Combine(RepoRoot.Path, "db", "sqlite", name)));
            }

            const string seed = """
                INSERT INTO Providers (Name, CreatedUtc) VALUES ('P', '2026-01-01');
                INSERT INTO Courses (ProviderId, Identifier, ShortCode, Name) VALUES (1, 'npq-headship', 'NPQH', 'NPQH');
                INSERT INTO Cohorts (CourseId, Name, StartYear, StartDate, EndDate, DeliveryModel, TimeZone, Capacity) VALUES (1, 'C', 2026, '2026-01-05', '2027-07-31', 'Online', 'Europe/London', 10);
                INSERT INTO Users (Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, CreatedUtc) VALUES ('a@x', 'A@X', 'A', 's', 'c', '2026-01-01');
                INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'general', 'General', 'General', 1, '2026-01-01');
                INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'announcements', 'Announcements', 'Announcements', 0, '2026-01-01');
                INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'group:9', 'Group', 'Gone', 5, '2026-01-01');
                DELETE FROM DiscussionTopics WHERE TopicKey = 'group:9';
                INSERT INTO DiscussionThreads (TopicId, AuthorUserId, Title, CreatedUtc, LastPostUtc) VALUES (1, 1, 'T1', '2026-01-01', '2026-01-01');
                INSERT INTO DiscussionThreads (TopicId, AuthorUserId, Title, CreatedUtc, LastPostUtc) VALUES (2, 1, 'T2', '2026-01-01', '2026-01-01');
                """;
            await connection.ExecuteAsync(seed);

            await connection.ExecuteAsync($"PRAGMA foreign_keys = {(foreignKeys ? "ON" : "OFF")}");
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await connection.ExecuteAsync(Script("0027"), transaction: transaction);
                await transaction.CommitAsync();
            }

            await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
            Assert.Multiple(async () =>
            {
                Assert.That(await connection.QueryAsync<long>("SELECT Id FROM DiscussionTopics ORDER BY Id"), Is.EqualTo(new long[] { 1, 2 }));
                Assert.That(await connection.QueryAsync<string>("SELECT TopicKey FROM DiscussionTopics WHERE CohortId = 1 AND CourseId IS NULL ORDER BY Id"), Is.EqualTo(new[] { "general", "announcements" }));
                Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DiscussionThreads th JOIN DiscussionTopics t ON t.Id = th.TopicId"), Is.EqualTo(2));
                Assert.That(await connection.QueryAsync("PRAGMA foreign_key_check"), Is.Empty);
                Assert.That(await connection.ExecuteScalarAsync<long>("SELECT seq FROM sqlite_sequence WHERE name = 'DiscussionTopics'"), Is.EqualTo(3), "a deleted topic's id is never given again");
                Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('DiscussionTopicsOld', 'DiscussionTopicsSequence')"), Is.Zero);
            });

            var courseTopic = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO DiscussionTopics (CourseId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'general', 'General', 'General', 1, '2026-01-02'); SELECT last_insert_rowid();");
            Assert.That(courseTopic, Is.EqualTo(4));
            Assert.That(() => connection.Execute("INSERT INTO DiscussionTopics (CourseId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'general', 'General', 'General', 1, '2026-01-02')"),
                Throws.InstanceOf<SqliteException>(), "one general topic per course");
            Assert.That(() => connection.Execute("INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 'general', 'General', 'General', 1, '2026-01-02')"),
                Throws.InstanceOf<SqliteException>(), "one general topic per cohort, still");
            Assert.That(() => connection.Execute("INSERT INTO DiscussionTopics (CohortId, CourseId, TopicKey, Kind, Title, Position, CreatedUtc) VALUES (1, 1, 'x', 'General', 'X', 1, '2026-01-02')"),
                Throws.InstanceOf<SqliteException>(), "never both a cohort and a course");
            Assert.That(() => connection.Execute("INSERT INTO DiscussionTopics (TopicKey, Kind, Title, Position, CreatedUtc) VALUES ('y', 'General', 'Y', 1, '2026-01-02')"),
                Throws.InstanceOf<SqliteException>(), "never neither");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
