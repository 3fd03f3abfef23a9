using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Changes;

namespace Npq.Tests.Core.Dfe;

/// <summary>Telling listeners of a change already stored: one that fails neither stops the others nor the caller.</summary>
public sealed class RecordChangesTests
{
    [Test]
    public async Task PublishAsync_FirstListenerThrows_SecondStillHearsAndNothingThrown()
    {
        var change = new RecordChange(RecordChangeKind.DeclarationVoided, 3) { DeclarationId = 9 };
        var failing = new Mock<IRecordChangeListener>();
        failing.Setup(l => l.OnChangedAsync(change, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("database gone"));
        var hearing = new Mock<IRecordChangeListener>();

        await new[] { failing.Object, hearing.Object }.PublishAsync(change, NullLogger.Instance);

        hearing.Verify(l => l.OnChangedAsync(change, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void PublishAsync_Cancelled_Throws()
    {
        var change = new RecordChange(RecordChangeKind.OutcomesReleased, 3);
        var listener = new Mock<IRecordChangeListener>();
        listener.Setup(l => l.OnChangedAsync(change, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());

        Assert.ThrowsAsync<OperationCanceledException>(() => new[] { listener.Object }.PublishAsync(change, NullLogger.Instance));
    }
}
