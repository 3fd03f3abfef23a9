using Npq.Core.Discussions;

namespace Npq.Tests.Core.Discussions;

public sealed class RenderedPostsTests
{
    [Test]
    public void SamePostTextAndFramework_RendersOnce_AnEditOrAnotherFrameworkRendersAgain()
    {
        var renders = 0;
        var postId = Random.Shared.Next(1_000_000, int.MaxValue);
        string Render(string framework, string body) => RenderedPosts.Render(postId, framework, body, () => $"{++renders}:{body}");

        var first = Render("npqsl", "Hello");
        var again = Render("npqsl", "Hello");
        var edited = Render("npqsl", "Hello, edited");
        var elsewhere = Render("npqh", "Hello");

        Assert.That((first, again), Is.EqualTo(("1:Hello", "1:Hello")), "the same text is rendered once");
        Assert.That(edited, Is.EqualTo("2:Hello, edited"), "an edit is a new text, rendered afresh");
        Assert.That(elsewhere, Is.EqualTo("3:Hello"), "statement links resolve per framework");
    }
}
