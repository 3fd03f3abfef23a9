using Npq.Core.Discussions;
using Npq.Data.Discussions;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>The attachments repository's contract on each database: rows with their post's space and state, listed by post, erased with their files.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class DiscussionAttachmentRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Attachments_AreListedByPost_FoundWithTheirSpaceAndPostState_AndErasedWithTheirStoredNames()
    {
        var (cohortId, candidate, _) = await WebinarsData.CohortAsync(Db);
        var discussions = new DiscussionRepository(Db);
        await discussions.EnsureTopicsAsync(cohortId, T1);
        var general = (await discussions.GetTopicsAsync(cohortId, candidate)).Single(t => t.Topic.Kind == TopicKind.General).Topic.Id;
        var (threadId, first) = await discussions.AddThreadAsync(new NewThread(general, candidate, "Files", "Here.", T1));
        var second = await discussions.AddReplyAsync(new NewReply(threadId, candidate, "More.", null, T1));
        var attachments = new DiscussionAttachmentRepository(Db);

        var a = await attachments.AddAsync(new NewAttachment(first, candidate, "stored-a", "plan.pdf", "application/pdf", 5_000_000_000, T1));
        var b = await attachments.AddAsync(new NewAttachment(second, candidate, "stored-b", "photo.png", "image/png", 12, T1));
        await discussions.DeleteAsync(second, T1);

        var listed = await attachments.ForPostsAsync([first, second]);
        var found = await attachments.GetAsync(a);
        var onDeleted = await attachments.GetAsync(b);
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(x => (x.PostId, x.FileName, x.SizeBytes)), Is.EqualTo(new[] { (first, "plan.pdf", 5_000_000_000L), (second, "photo.png", 12L) }));
            Assert.That(found, Is.Not.Null);
            Assert.That((found!.CohortId, found.StudyGroupId, found.ThreadId, found.StoredName, found.DeletedUtc), Is.EqualTo((cohortId, (int?)null, threadId, "stored-a", (DateTime?)null)));
            Assert.That(onDeleted!.DeletedUtc, Is.Not.Null);
        });

        var personal = new DiscussionAttachmentsPersonalData(Db);
        var export = await personal.ExportAsync(candidate);
        var erased = await personal.EraseAsync(candidate);
        Assert.Multiple(async () =>
        {
            Assert.That(export.Files.Select(f => f.FileName), Is.EquivalentTo(new[] { "plan.pdf", "photo.png" }));
            Assert.That(erased.StoredFiles, Is.EquivalentTo(new[] { "stored-a", "stored-b" }));
            Assert.That(await attachments.ForPostsAsync([first, second]), Is.Empty);
        });
    }
}
