using Npq.Core.Frameworks;
using Npq.Web.Features.Frameworks;

namespace Npq.Tests.Core.Frameworks;

/// <summary>The content check: the framework markdown in content/ must parse without a single problem.</summary>
public sealed class ContentCheckTests
{
    private static readonly string FrameworksFolder = Path.Combine(RepoRoot.Path, "content", "frameworks");

    private static IEnumerable<string> FrameworkFolders() => Directory.GetDirectories(FrameworksFolder).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(FrameworkFolders))]
    public void Content_Framework_HasNoProblems(string folder)
    {
        var result = FrameworkLoader.ParseFolder(Path.Combine(FrameworksFolder, folder));

        Assert.That(result.Problems.Select(p => p.ToString()), Is.Empty);
    }

    [Test]
    public void Content_Npqsl_HasAllTenAreasInOrder()
    {
        var framework = FrameworkLoader.ParseFolder(Path.Combine(FrameworksFolder, "npqsl")).Framework;

        Assert.That(framework.Areas.Select(a => a.Title), Is.EqualTo(new[]
        {
            "School Culture", "Teaching", "Curriculum and Assessment", "Behaviour",
            "Additional and Special Educational Needs and Disabilities", "Professional Development",
            "Organisational Management", "Implementation", "Working in Partnership", "Governance and Accountability",
        }));
        Assert.That(framework.Areas, Has.All.Matches<Area>(a => a.LearnThat.Count > 0 && a.LearnHow.Count > 0));
    }

    [Test]
    public void Content_Npqsl_KeepsTheSeedsStatements()
    {
        var framework = FrameworkLoader.ParseFolder(Path.Combine(FrameworksFolder, "npqsl")).Framework;

        Assert.Multiple(() =>
        {
            Assert.That(framework.FindStatement("sc-lt-1")!.Text, Does.StartWith("High-quality teaching has a long-term positive effect"));
            Assert.That(framework.FindStatement("sc-lh-1")!.Text, Is.EqualTo("Contribute to establishing and sustaining the school’s strategic direction, including by:"));
            Assert.That(framework.FindArea("teaching")!.LearnThat, Has.Count.EqualTo(20));
            Assert.That(framework.AllStatements.Count(), Is.GreaterThan(250));
        });
    }
}
