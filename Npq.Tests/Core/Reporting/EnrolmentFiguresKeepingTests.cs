using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class EnrolmentFiguresKeepingTests
{
    private readonly Mock<IEnrolmentFiguresStore> _store = new(MockBehavior.Strict);
    private readonly List<long> _claims = [];

    private EnrolmentFiguresKeeping Keeping(int batchSize = 2, int batches = 5) =>
        new(_store.Object, Options.Create(new ReportsOptions { FiguresBatchSize = batchSize, FiguresBatchesPerRun = batches }), Clock(), NullLogger<EnrolmentFiguresKeeping>.Instance);

    private readonly Queue<int> _copies = new();

    private void Batches(params int[][] picks)
    {
        _store.Setup(s => s.CopyStoredSortKeysAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => _copies.Count == 0 ? 0 : _copies.Dequeue());
        var queue = new Queue<int[]>(picks);
        _store.Setup(s => s.PickAsync(It.IsAny<int>(), Now, It.IsAny<CancellationToken>())).ReturnsAsync(() => queue.Count == 0 ? [] : queue.Dequeue());
        _store.Setup(s => s.ClaimAsync(It.IsAny<IReadOnlyList<int>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<int>, long, CancellationToken>((_, claim, _) => _claims.Add(claim)).Returns(Task.CompletedTask);
        _store.Setup(s => s.ComputeAsync(It.IsAny<IReadOnlyList<int>>(), Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<int> ids, DateTime _, CancellationToken _) => ids.Select(id => new EnrolmentFigures(new CompletionRow { EnrolmentId = id }, null)).ToList());
        // One row of each batch was written meanwhile (its claim deleted): stored one fewer.
        _store.Setup(s => s.StoreAsync(It.IsAny<IReadOnlyList<EnrolmentFigures>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<EnrolmentFigures> figures, long claim, CancellationToken _) => claim == _claims[^1] ? figures.Count - 1 : 0);
    }

    [Test]
    public async Task Fill_BatchesUntilOneIsShort_EachClaimedComputedAndStoredUnderItsOwnClaim()
    {
        Batches([1, 2], [3, 4], [5]);

        var stored = await Keeping().FillAsync();

        Assert.That(stored, Is.EqualTo(2), "1 + 1 + 0");
        Assert.That(_claims, Has.Count.EqualTo(3).And.Unique);
        _store.Verify(s => s.PickAsync(2, Now, It.IsAny<CancellationToken>()), Times.Exactly(3));
        _store.Verify(s => s.ComputeAsync(It.Is<IReadOnlyList<int>>(ids => ids.SequenceEqual(new[] { 5 })), Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Fill_SortKeysToCopyFromStoredFigures_CopiedInTurnsOfTheirOwnBeforeAnyPick()
    {
        _copies.Enqueue(2);
        _copies.Enqueue(1);
        Batches([1, 2], [3]);

        Assert.That(await Keeping(batchSize: 2, batches: 5).FillAsync(), Is.EqualTo(1 + 0));
        _store.Verify(s => s.CopyStoredSortKeysAsync(2, It.IsAny<CancellationToken>()), Times.Exactly(4));
        _store.Verify(s => s.PickAsync(2, Now, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Fill_NothingToDo_NothingClaimed()
    {
        Batches();

        Assert.That(await Keeping().FillAsync(), Is.Zero);
        _store.Verify(s => s.ClaimAsync(It.IsAny<IReadOnlyList<int>>(), It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Fill_MoreThanOneRunHolds_StopsAfterItsBatches()
    {
        Batches([1, 2], [3, 4], [5, 6], [7, 8]);

        Assert.That(await Keeping(batches: 2).FillAsync(), Is.EqualTo(2));
        _store.Verify(s => s.PickAsync(2, Now, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
