using Npq.Core.Discussions;

namespace Npq.Tests.Core.Discussions;

public sealed class MentionsAndGroupsTests
{
    private static readonly IReadOnlyList<SpaceReader> Readers =
    [
        new() { UserId = 1, DisplayName = "Amira Haddad" },
        new() { UserId = 2, DisplayName = "Ben Carter" },
        new() { UserId = 3, DisplayName = "Ben" },
    ];

    [Test]
    public void Mentions_ByNameOrById_OnlyReadersOfTheSpace_EachOnce()
    {
        var found = Mentions.Find("Thanks @amira haddad and @[Ben Carter](2), also @[Someone](99) and @Ben Carter again", Readers);

        Assert.That(found.Select(r => r.UserId), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Mentions_AName_MustEndAtAWordBoundary()
    {
        Assert.That(Mentions.Find("@Benjamin, hello", Readers), Is.Empty);
        Assert.That(Mentions.Find("@Ben, hello", Readers).Select(r => r.UserId), Is.EqualTo(new[] { 3 }));
        Assert.That(Mentions.Find("no mentions here", Readers), Is.Empty);
    }

    [Test]
    public void Mentions_ForRendering_BecomeBoldNames_WithTheirMarkdownEscaped()
    {
        Assert.That(Mentions.ForRendering("Hi @[Ben](2)!"), Is.EqualTo("Hi **@Ben**!"));
        Assert.That(Mentions.ForRendering("@[a](javascript:x)(1)"), Does.Not.Contain("**@a**"), "only a numeric id makes a mention");
        Assert.That(Mentions.ForRendering("@[x*y](5)"), Is.EqualTo("**@x\\*y**"));
    }

    [TestCase(10, 3)]
    [TestCase(2, 5)]
    [TestCase(9, 3)]
    public void Split_IsEven_EveryoneOnce(int people, int groups)
    {
        var ids = Enumerable.Range(1, people).ToList();

        var split = GroupSplitter.Split(ids, groups, new Random(1));

        Assert.That(split, Has.Count.EqualTo(groups));
        Assert.That(split.SelectMany(g => g), Is.EquivalentTo(ids));
        Assert.That(split.Max(g => g.Count) - split.Min(g => g.Count), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void Split_IsRandom_SoMakingItAgainCanDiffer()
    {
        var ids = Enumerable.Range(1, 20).ToList();

        var first = GroupSplitter.Split(ids, 2, new Random(1));
        var second = GroupSplitter.Split(ids, 2, new Random(2));

        Assert.That(first[0], Is.Not.EqualTo(second[0]));
    }
}
