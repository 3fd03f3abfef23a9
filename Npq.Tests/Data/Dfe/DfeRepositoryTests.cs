using Npq.Core.Accounts;
using Npq.Core.Dfe;
using Npq.Data.Dfe;
using Npq.Tests.Data.Reporting;

namespace Npq.Tests.Data.Dfe;

/// <summary>The outbox's claims, the pull claim and DfE id changes, on every provider.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class DfeRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private const string OldId = "23dd8d66-e11f-4139-9001-86b4f9abcb02";
    private const string NewId = "ac3d1243-7308-4879-942a-c4a70ced400a";
    private DfeOutboxRepository _outbox = null!;
    private DfeConnectionRepository _connections = null!;
    private DfeMirrorRepository _mirror = null!;
    private int _providerId;
    private int _cohortId;
    private int _enrolmentId;

    [OneTimeSetUp]
    public async Task World()
    {
        _outbox = new DfeOutboxRepository(Db);
        _connections = new DfeConnectionRepository(Db);
        _mirror = new DfeMirrorRepository(Db);
        _providerId = await Data.ProviderIdAsync();
        var course = await Data.CourseAsync("npq-dfe-repo", leadership: false);
        _cohortId = await Data.CohortAsync(course, "DfE Repo Cohort");
        var ann = await Data.UserAsync("ann@dfe-repo.example", "Ann", Roles.Candidate);
        var bob = await Data.UserAsync("bob@dfe-repo.example", "Bob", Roles.Candidate);
        _enrolmentId = await Data.EnrolAsync(_cohortId, ann, null);
        await Data.ApplicationAsync(_cohortId, ann, OldId, "db3a7848-7308-4879-942a-c4a70ced400a");
        await Data.EnrolAsync(_cohortId, bob, null);
    }

    private DfeJob Job(string key, DateTime due) => new()
    {
        ProviderId = _providerId, Kind = DfeJobKind.Declare, IdempotencyKey = key, Subject = "declaration:1",
        Payload = new DfeJobPayload { ParticipantId = OldId, DeclarationType = "started", DeclarationDate = Now }, NextAttemptUtc = due, CreatedUtc = Now,
    };

    [Test]
    public async Task Enqueue_SameKeyTwice_KeptOnce()
    {
        Assert.That(await _outbox.EnqueueAsync(Job("repo:once", Now.AddYears(5))), Is.True);
        Assert.That(await _outbox.EnqueueAsync(Job("repo:once", Now.AddYears(5))), Is.False);
        Assert.That((await _outbox.RecentAsync(_providerId, 100)).Count(j => j.IdempotencyKey == "repo:once"), Is.EqualTo(1));
    }

    [Test]
    public async Task ClaimDue_TwoWorkersAtOnce_EachJobClaimedOnceWithItsPayload()
    {
        var at = Now.AddYears(10);
        for (var i = 0; i < 6; i++)
        {
            await _outbox.EnqueueAsync(Job($"repo:race:{i}", at));
        }

        var claims = await Task.WhenAll(
            _outbox.ClaimDueAsync("worker-a", at, at.AddMinutes(2), 10),
            _outbox.ClaimDueAsync("worker-b", at, at.AddMinutes(2), 10));
        var ours = claims.SelectMany(c => c).Where(j => j.IdempotencyKey.StartsWith("repo:race:", StringComparison.Ordinal)).ToList();

        Assert.That(ours.Select(j => j.Id), Is.Unique);
        Assert.That(ours, Has.Count.EqualTo(6));
        Assert.That(ours, Has.All.Matches<DfeJob>(j => j.State == DfeJobState.Running && j.Attempts == 1 && j.Payload.ParticipantId == OldId));
        Assert.That(await _outbox.ClaimDueAsync("worker-c", at, at.AddMinutes(2), 10), Is.Empty, "claimed jobs are not due again until the claim runs out");
        var afterClaimExpired = await _outbox.ClaimDueAsync("worker-c", at.AddMinutes(3), at.AddMinutes(5), 10);
        Assert.That(afterClaimExpired.Count(j => j.IdempotencyKey.StartsWith("repo:race:", StringComparison.Ordinal)), Is.EqualTo(6), "a dead worker's jobs are taken over");
        foreach (var job in afterClaimExpired)
        {
            await _outbox.CompleteAsync(job.Id, "worker-c", 200, "ok", at.AddMinutes(3));
        }
    }

    [Test]
    public async Task RetryLater_ThenFail_OnlyTheHolderChangesTheJob()
    {
        var at = Now.AddYears(20);
        await _outbox.EnqueueAsync(Job("repo:retry", at));
        var job = (await _outbox.ClaimDueAsync("w1", at, at.AddMinutes(2), 50)).Single(j => j.IdempotencyKey == "repo:retry");

        await _outbox.RetryLaterAsync(job.Id, "someone-else", 429, "busy", at.AddSeconds(7));
        await _outbox.RetryLaterAsync(job.Id, "w1", 429, "busy", at.AddSeconds(7));
        var waiting = (await _outbox.RecentAsync(_providerId, 100)).Single(j => j.Id == job.Id);
        Assert.That((waiting.State, waiting.LastStatus, waiting.NextAttemptUtc), Is.EqualTo((DfeJobState.Pending, (int?)429, at.AddSeconds(7))));
        Assert.That(await _outbox.ClaimDueAsync("w2", at.AddSeconds(6), at.AddMinutes(2), 50), Has.None.Matches<DfeJob>(j => j.Id == job.Id));

        var again = (await _outbox.ClaimDueAsync("w2", at.AddSeconds(8), at.AddMinutes(2), 50)).Single(j => j.Id == job.Id);
        Assert.That(again.Attempts, Is.EqualTo(2));
        await _outbox.FailAsync(job.Id, "w2", 422, "Already declared", at.AddSeconds(9));
        Assert.That((await _outbox.RecentAsync(_providerId, 100)).Single(j => j.Id == job.Id).State, Is.EqualTo(DfeJobState.Failed));
        Assert.That(await _outbox.RetryFailedAsync(_providerId + 1000, job.Id, at), Is.False, "another provider's job");
        Assert.That(await _outbox.RetryFailedAsync(_providerId, job.Id, at.AddSeconds(10)), Is.True);
    }

    [Test]
    public async Task ClaimPull_SecondWorker_RefusedUntilFinishedOrExpired()
    {
        await _connections.SaveAsync(_providerId, "https://dfe.example", enabled: true, "sealed", Now);

        Assert.That(await _connections.ClaimPullAsync(_providerId, "a", Now, Now.AddMinutes(10)), Is.True);
        Assert.That(await _connections.ClaimPullAsync(_providerId, "b", Now.AddMinutes(1), Now.AddMinutes(11)), Is.False);
        await _connections.FinishPullAsync(_providerId, "a", Now.AddMinutes(2), Now, null, null);
        var connection = await _connections.GetAsync(_providerId);
        Assert.That((connection!.LastPullUtc, connection.ApplicationsSyncedUtc, connection.ParticipantsSyncedUtc), Is.EqualTo(((DateTime?)Now.AddMinutes(2), (DateTime?)Now, (DateTime?)null)));
        Assert.That(await _connections.ClaimPullAsync(_providerId, "b", Now.AddMinutes(3), Now.AddMinutes(13)), Is.True);
        Assert.That(await _connections.DueForPullAsync(Now.AddMinutes(1)), Does.Not.Contain(_providerId), "pulled a minute ago");
        await _connections.FinishPullAsync(_providerId, "b", Now.AddMinutes(4), null, null, "DfE could not be reached.");
        Assert.That((await _connections.GetAsync(_providerId))!.LastPullProblem, Is.EqualTo("DfE could not be reached."));
    }

    [Test]
    public async Task ReplaceParticipantId_ChangesNpqsApplicationsAndTheMirror()
    {
        await _mirror.UpsertDeclarationAsync(_providerId, new DfeDeclarationData
        {
            Id = "d0b4a32e-a272-489e-b30a-cb17131457fc", ParticipantId = OldId, CourseIdentifier = "npq-dfe-repo", DeclarationType = "started", State = "eligible",
            DeclarationDate = Now, UpdatedAt = Now,
        });

        Assert.That(await _mirror.ReplaceParticipantIdAsync(_providerId, OldId, NewId), Is.EqualTo(1));
        var links = await _mirror.GetEnrolmentLinksAsync(_cohortId);
        Assert.That(links.Single(l => l.EnrolmentId == _enrolmentId).ParticipantId, Is.EqualTo(NewId));
        Assert.That((await _mirror.GetViewAsync(_providerId, [NewId])).Declarations.Single().ParticipantId, Is.EqualTo(NewId));
    }

    [Test]
    public async Task LinkEnrolment_WithoutApplication_RecordsAnAcceptedOne()
    {
        var bare = (await _mirror.GetEnrolmentLinksOrBareAsync(_cohortId)).Single(l => l.CandidateName == "Bob");
        Assert.That(bare.NpqApplicationId, Is.Zero);

        await _mirror.LinkEnrolmentAsync(bare.EnrolmentId, "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", "f0de7abf-399b-4e68-83de-2c33b503810c", Now);
        var linked = (await _mirror.GetEnrolmentLinksAsync(_cohortId)).Single(l => l.EnrolmentId == bare.EnrolmentId);

        Assert.That((linked.ParticipantId, linked.DfeApplicationId), Is.EqualTo(("7a8fef46-3c43-42c0-b3d5-1ba5904ba562", "f0de7abf-399b-4e68-83de-2c33b503810c")));
        Assert.That(await _mirror.FindNpqApplicationAsync(_providerId, "f0de7abf-399b-4e68-83de-2c33b503810c"), Is.EqualTo(linked.NpqApplicationId));
    }
}
