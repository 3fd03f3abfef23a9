using Npq.Core.Accounts;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>The feedback repository's contract, on every provider.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class FeedbackRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 11, 10, 9, 30, 0, DateTimeKind.Utc);
    private int _candidate;
    private int _mentor;
    private int _evidence;

    [OneTimeSetUp]
    public async Task CreatePeople()
    {
        var users = new UserRepository(Db);
        _candidate = await users.CreateAsync(new AppUser { Email = "fc@x", NormalizedEmail = "FC@X", DisplayName = "Cand", CreatedUtc = Now });
        _mentor = await users.CreateAsync(new AppUser { Email = "fm@x", NormalizedEmail = "FM@X", DisplayName = "Ment", CreatedUtc = Now });
        _evidence = await new EvidenceRepository(Db).CreateAsync(new EvidenceItem
        {
            CandidateUserId = _candidate, Title = "Item", EvidenceDate = new DateOnly(2026, 11, 9), CreatedUtc = Now, UpdatedUtc = Now,
        }, _candidate);
    }

    private FeedbackComment Comment(int author, string body, int minutes) => new()
    {
        CandidateUserId = _candidate, EvidenceId = _evidence, AuthorUserId = author, Body = body, CreatedUtc = Now.AddMinutes(minutes),
    };

    [Test]
    public async Task Thread_IsOldestFirst_WithAuthorsNamesAndStatement()
    {
        var repository = new FeedbackRepository(Db);
        var first = await repository.AddAsync(Comment(_mentor, "Comment", 1) with { StatementId = "sc-1" });
        var second = await repository.AddAsync(Comment(_candidate, "Reply", 2));

        var thread = (await repository.GetThreadAsync(FeedbackTarget.Evidence, _evidence)).Where(c => c.Id == first || c.Id == second).ToList();

        Assert.That(thread.Select(c => (c.Id, c.AuthorName, c.Body, c.StatementId)), Is.EqualTo(new[] { (first, "Ment", "Comment", (string?)"sc-1"), (second, "Cand", "Reply", (string?)null) }));
        Assert.That(thread[0].CreatedUtc, Is.EqualTo(Now.AddMinutes(1)));
        Assert.That(await repository.GetThreadAsync(FeedbackTarget.Submission, _evidence), Is.Empty, "an evidence thread is not a submission's");
    }

    [Test]
    public async Task Recent_IsNewestFirst_LeavesOutTheCandidatesOwnReplies_AndTakesNoMoreThanAsked()
    {
        var repository = new FeedbackRepository(Db);
        await repository.AddAsync(Comment(_mentor, "Older", 10));
        await repository.AddAsync(Comment(_candidate, "Own reply", 11));
        await repository.AddAsync(Comment(_mentor, "Newer", 12));

        var recent = await repository.GetRecentForCandidateAsync(_candidate, 2);

        Assert.That(recent.Select(c => c.Body), Is.EqualTo(new[] { "Newer", "Older" }));
    }
}
