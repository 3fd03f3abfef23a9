using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using Microsoft.AspNetCore.Mvc;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Npq.Tests.Architecture;

/// <summary>
/// The shape of the house, as rules that fail the build's tests: Core decides and knows nothing of storage or the web;
/// Data keeps; Web shows. Each capability is one folder of the same name in Core, Data and Web; a web feature uses
/// another only through Core (or the pieces in <c>Features/Shared</c>), and a controller reaches storage only through
/// a Core use case.
/// </summary>
public sealed class ArchitectureTests
{
    public static readonly string[] Capabilities = ["Accounts", "Enrolment", "Portfolio", "FinalAssessment", "Webinars", "Reporting", "Frameworks", "Materials", "Discussions", "Dfe"];

    private static readonly Assembly CoreAssembly = typeof(Npq.Core.Accounts.Roles).Assembly;
    private static readonly Assembly DataAssembly = typeof(Npq.Data.DataServiceCollectionExtensions).Assembly;
    private static readonly Assembly WebAssembly = typeof(Npq.Web.Infrastructure.NpqServices).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture House = new ArchLoader()
        .LoadAssemblies(CoreAssembly, DataAssembly, WebAssembly)
        .Build();

    private static IObjectProvider<IType> InNamespace(string prefix) => TypesIn(prefix).As(prefix);

    private static ArchUnitNET.Fluent.Syntax.Elements.Types.GivenTypesConjunction TypesIn(string prefix) =>
        Types().That().ResideInNamespaceMatching("^" + Regex.Escape(prefix) + @"(\..+)?$");

    [Test]
    public void Core_DependsOnNeitherDataNorWebNorAspNetCore()
    {
        IArchRule rule = Types().That().ResideInAssembly(CoreAssembly).Should()
            .NotDependOnAny(InNamespace("Npq.Data")).AndShould()
            .NotDependOnAny(InNamespace("Npq.Web")).AndShould()
            .NotDependOnAny(InNamespace("Microsoft.AspNetCore"));
        rule.Check(House);
    }

    [Test]
    public void Core_ReferencesNoOtherProjectAndNoAspNetCoreAssembly()
    {
        var references = CoreAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Has.None.StartsWith("Npq.").And.None.StartsWith("Microsoft.AspNetCore"));
    }

    [Test]
    public void Data_DependsOnNothingOfTheWeb()
    {
        IArchRule rule = Types().That().ResideInAssembly(DataAssembly).Should().NotDependOnAny(InNamespace("Npq.Web"));
        rule.Check(House);
    }

    [TestCaseSource(nameof(Capabilities))]
    public void Feature_DependsOnNoRepositoryImplementationOrDataType(string capability)
    {
        IArchRule rule = TypesIn("Npq.Web.Features." + capability).Should().NotDependOnAny(InNamespace("Npq.Data"));
        rule.Check(House);
    }

    [TestCaseSource(nameof(Capabilities))]
    public void Feature_DependsOnNoOtherFeature(string capability)
    {
        foreach (var other in Capabilities.Where(c => c != capability))
        {
            IArchRule rule = TypesIn("Npq.Web.Features." + capability).Should().NotDependOnAny(InNamespace("Npq.Web.Features." + other));
            rule.Check(House);
        }
    }

    [TestCaseSource(nameof(Capabilities))]
    public void FeatureViews_DependOnNeitherDataNorAnotherFeature(string capability)
    {
        // Razor compiles Features/Portfolio/Evidence/Index.cshtml into AspNetCoreGeneratedDocument.Features_Portfolio_Evidence_Index.
        var views = Types().That().ResideInNamespace("AspNetCoreGeneratedDocument").And().HaveNameStartingWith($"Features_{capability}_")
            .As($"the views of {capability}");
        IArchRule rule = views.Should().NotDependOnAny(InNamespace("Npq.Data"));
        foreach (var other in Capabilities.Where(c => c != capability))
        {
            rule = rule.And(views.Should().NotDependOnAny(InNamespace("Npq.Web.Features." + other)));
        }

        rule.Check(House);
    }

    /// <summary>Every capability but the DfE sync itself.</summary>
    public static IEnumerable<string> CapabilitiesOtherThanDfe => Capabilities.Where(c => c != "Dfe");

    [TestCaseSource(nameof(CapabilitiesOtherThanDfe))]
    public void CoreCapability_KnowsNothingOfTheDfeSync(string capability)
    {
        // Changes reach the DfE sync through Npq.Core.Changes' listeners, which Dfe implements: never the other way round.
        // (DfeIds, the shape of DfE's ids, is checked on entry by Enrolment's forms and imports: the one type allowed.)
        IArchRule rule = TypesIn("Npq.Core." + capability).Should().NotDependOnAny(TypesIn("Npq.Core.Dfe").And().DoNotHaveName("DfeIds").As("the DfE sync"));
        rule.Check(House);
    }

    [Test]
    public void SharedFeaturePieces_DependOnNoCapabilityFeatureAndNoData()
    {
        IArchRule rule = TypesIn("Npq.Web.Features.Shared").Should().NotDependOnAny(InNamespace("Npq.Data"));
        foreach (var capability in Capabilities)
        {
            rule = rule.And(TypesIn("Npq.Web.Features.Shared").Should().NotDependOnAny(InNamespace("Npq.Web.Features." + capability)));
        }

        rule.Check(House);
    }

    [Test]
    public void Controllers_CallNoRepository()
    {
        // A repository is a Core interface that Npq.Data implements: controllers reach those only through a use case.
        var repositories = DataAssembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.Assembly == CoreAssembly)
            .Distinct()
            .ToArray();
        Assert.That(repositories, Is.Not.Empty, "no Core interface is implemented in Npq.Data: the rule below would check nothing");
        IArchRule rule = Classes().That().ResideInAssembly(WebAssembly).And().HaveNameEndingWith("Controller").Should().NotDependOnAny(repositories);
        rule.Check(House);
    }

    [Test]
    public void Controllers_AreNamedSo()
    {
        // The rule above finds controllers by name (ArchUnitNET does not load ASP.NET Core to see their base class).
        var misnamed = WebAssembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract && !t.Name.EndsWith("Controller", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.That(WebAssembly.GetTypes().Count(t => typeof(ControllerBase).IsAssignableFrom(t)), Is.GreaterThan(20));
        Assert.That(misnamed, Is.Empty);
    }

    [Test]
    public void DemoData_IsWrittenThroughCore()
    {
        IArchRule rule = TypesIn("Npq.Web.Demo").Should().NotDependOnAny(InNamespace("Npq.Data"));
        rule.Check(House);
    }

    [Test]
    public void EveryFeatureFolder_IsACapabilityOrShared()
    {
        var folders = Directory.GetDirectories(Path.Combine(Support.RepoRoot.Path, "Npq.Web", "Features")).Select(Path.GetFileName).ToList();
        Assert.That(folders, Is.SubsetOf(Capabilities.Append("Shared")));
    }

    [Test]
    public void NoSourceFile_IsLongerThan400Lines()
    {
        var root = Support.RepoRoot.Path;
        var tooLong = new[] { "Npq.Core", "Npq.Data", "Npq.Web", "Npq.Tests" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(root, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > 400)
            .Select(file => $"{file.Path} ({file.Lines} lines)")
            .ToList();
        Assert.That(tooLong, Is.Empty);
    }
}
