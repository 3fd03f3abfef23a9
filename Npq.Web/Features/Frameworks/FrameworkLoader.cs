using Npq.Core.Frameworks;

namespace Npq.Web.Features.Frameworks;

/// <summary>Reads every framework folder under <c>content/frameworks</c> once, at start-up.</summary>
public static class FrameworkLoader
{
    public static FrameworkCatalog Load(string contentFolder, ILogger logger)
    {
        var frameworks = new List<Framework>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(contentFolder, "frameworks")).Order(StringComparer.Ordinal))
        {
            var result = ParseFolder(folder);
            foreach (var problem in result.Problems)
            {
                logger.LogWarning("Framework content problem in {Framework}: {Problem}", result.Framework.Code, problem.ToString());
            }

            frameworks.Add(result.Framework);
            logger.LogInformation("Loaded framework {Framework}: {Areas} areas, {Statements} statements",
                result.Framework.Code, result.Framework.Areas.Count, result.Framework.AllStatements.Count());
        }

        return new FrameworkCatalog(frameworks);
    }

    public static FrameworkParseResult ParseFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.md")
            .Select(path => new ContentFile(Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
        return FrameworkParser.Parse(Path.GetFileName(folder).ToLowerInvariant(), files);
    }
}
