using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// A candidate's items counted per statement from the links as stored (<see cref="EvidenceRepository.CountStatements"/>):
/// statement ids match in any case, each item counts once per statement however many cases link it, and the counts are
/// keyed by the id in lower case, found in any case.
/// </summary>
public sealed class StatementCountsTests
{
    [Test]
    public void CountStatements_MatchesIdsInAnyCase_CountingEachItemOnce()
    {
        var counts = EvidenceRepository.CountStatements([("h-1", 1), ("H-1", 1), ("H-1", 2), ("h-2", 2), ("lt-3", 3)]);

        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["h-1"] = 2, ["h-2"] = 1, ["lt-3"] = 1 }));
        Assert.That(counts.Keys, Has.All.Matches<string>(k => k == k.ToLowerInvariant()), "keyed in lower case");
        Assert.That(counts["LT-3"], Is.EqualTo(1), "found in any case");
    }

    [Test]
    public void CountStatements_NoLinks_NoCounts() => Assert.That(EvidenceRepository.CountStatements([]), Is.Empty);
}
