using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Dfe;

namespace Npq.Tests.Core.Dfe;

/// <summary>What the outbox runner does with each kind of answer DfE gives.</summary>
public sealed class DfePushTests
{
    private const string Participant = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562";
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
    private readonly Mock<IDfeApi> _api = new();
    private readonly Mock<IDfeOutbox> _outbox = new();
    private readonly Mock<IDfeMirrorRepository> _mirror = new();
    private DfePush _push = null!;

    [SetUp]
    public void Wire()
    {
        var connections = new Mock<IDfeConnectionRepository>();
        connections.Setup(c => c.GetAsync(1, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DfeConnection { ProviderId = 1, BaseUrl = "https://dfe.example", ProtectedToken = "sealed", Enabled = true });
        var protector = new Mock<IDfeTokenProtector>();
        protector.Setup(p => p.Unprotect("sealed")).Returns("token");
        var time = new FakeTimeProvider(new DateTimeOffset(Now));
        var settings = new DfeSettings(connections.Object, protector.Object, Mock.Of<IAuditLog>(), time, NullLogger<DfeSettings>.Instance);
        _push = new DfePush(settings, _api.Object, _outbox.Object, _mirror.Object, time, NullLogger<DfePush>.Instance);
    }

    private void Due(int attempts = 1) =>
        _outbox.Setup(o => o.ClaimDueAsync("w", Now, It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new DfeJob
            {
                Id = 5, ProviderId = 1, Kind = DfeJobKind.Defer, Attempts = attempts, State = DfeJobState.Running,
                Payload = new DfeJobPayload { ParticipantId = Participant, CourseIdentifier = "npq-headship", Reason = "bereavement" },
            },
        ]);

    private void Answers(DfeAnswer<DfeParticipantData> answer) =>
        _api.Setup(a => a.ChangeStatusAsync(It.IsAny<DfeEndpoint>(), It.IsAny<string>(), DfeStatusChange.Defer, "npq-headship", "bereavement", It.IsAny<CancellationToken>()))
            .ReturnsAsync(answer);

    [Test]
    public async Task Run_Refused422_FailsWithDfesErrorsAndNoRetry()
    {
        Due();
        Answers(DfeAnswer<DfeParticipantData>.Failed(422, [new DfeError("training_status", "The participant is not active, so cannot be deferred.")]));

        await _push.RunDueAsync("w");

        _outbox.Verify(o => o.FailAsync(5, "w", 422, "training_status: The participant is not active, so cannot be deferred.", Now, It.IsAny<CancellationToken>()));
        _outbox.Verify(o => o.RetryLaterAsync(It.IsAny<long>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Run_ServerError_RetriedAfterTheBackoff()
    {
        Due(attempts: 2);
        Answers(DfeAnswer<DfeParticipantData>.Failed(503, []));

        await _push.RunDueAsync("w");

        _outbox.Verify(o => o.RetryLaterAsync(5, "w", 503, It.IsAny<string>(),
            It.Is<DateTime>(t => t >= Now.AddMinutes(1) && t <= Now.AddMinutes(1.2)), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Run_TooManyRequests_WaitsRetryAfter()
    {
        Due(attempts: 1);
        Answers(DfeAnswer<DfeParticipantData>.Failed(429, [], TimeSpan.FromSeconds(90)));

        await _push.RunDueAsync("w");

        _outbox.Verify(o => o.RetryLaterAsync(5, "w", 429, It.IsAny<string>(), Now.AddSeconds(90), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Run_BusyAfterTheLastAttempt_GivesUpForAnAdmin()
    {
        Due(attempts: DfeRetry.MaxAttempts);
        Answers(DfeAnswer<DfeParticipantData>.Failed(503, []));

        await _push.RunDueAsync("w");

        _outbox.Verify(o => o.FailAsync(5, "w", 503, It.IsAny<string>(), Now, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task Run_Gone410_FollowsTheNewIdAndSendsAgain()
    {
        const string merged = "ac3d1243-7308-4879-942a-c4a70ced400a";
        Due();
        _api.SetupSequence(a => a.ChangeStatusAsync(It.IsAny<DfeEndpoint>(), It.IsAny<string>(), DfeStatusChange.Defer, "npq-headship", "bereavement", It.IsAny<CancellationToken>()))
            .ReturnsAsync(DfeAnswer<DfeParticipantData>.Failed(410, []))
            .ReturnsAsync(DfeAnswer<DfeParticipantData>.Ok(new DfeParticipantData { Id = merged, Enrolments = [new("npq-headship", null, "deferred")] }));
        _api.Setup(a => a.FindByFormerIdAsync(It.IsAny<DfeEndpoint>(), Participant, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DfeAnswer<IReadOnlyList<DfeParticipantData>>.Ok([new DfeParticipantData { Id = merged, IdChanges = [new(Participant, merged)] }]));

        await _push.RunDueAsync("w");

        _mirror.Verify(m => m.ReplaceParticipantIdAsync(1, Participant, merged, It.IsAny<CancellationToken>()));
        _api.Verify(a => a.ChangeStatusAsync(It.IsAny<DfeEndpoint>(), merged, DfeStatusChange.Defer, "npq-headship", "bereavement", It.IsAny<CancellationToken>()));
        _outbox.Verify(o => o.UpdatePayloadAsync(5, "w", It.Is<DfeJobPayload>(p => p.ParticipantId == merged), It.IsAny<CancellationToken>()));
        _outbox.Verify(o => o.CompleteAsync(5, "w", 200, "DfE training status deferred", Now, It.IsAny<CancellationToken>()));
    }
}
