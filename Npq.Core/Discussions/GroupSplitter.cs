namespace Npq.Core.Discussions;

/// <summary>Splitting a cohort's candidates into study groups evenly at random: sizes differ by at most one.</summary>
public static class GroupSplitter
{
    public const int MaxGroups = 50;

    /// <summary>
    /// Deals <paramref name="candidateIds"/>, shuffled with <paramref name="random"/>, into <paramref name="groups"/>
    /// groups in turn. Fewer candidates than groups leaves some groups empty.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Split(IReadOnlyList<int> candidateIds, int groups, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var shuffled = candidateIds.Distinct().ToArray();
        random.Shuffle(shuffled);
        var result = Enumerable.Range(0, groups).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < shuffled.Length; i++)
        {
            result[i % groups].Add(shuffled[i]);
        }

        return result;
    }

    /// <summary>"Group 1", "Group 2", …</summary>
    public static string Name(int position) => $"Study group {position}";
}
