using Npq.Core.Frameworks;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Frameworks;

public static class FrameworksFeature
{
    /// <summary>The frameworks, parsed once at start-up from <c>Content:Path</c> (the repository's <c>content/</c> by default).</summary>
    public static IServiceCollection AddFrameworks(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var contentPath = ContentLocator.FindFrameworksFolder(configuration["Content:Path"], environment.ContentRootPath);
        services.AddSingleton<IFrameworkCatalog>(sp => FrameworkLoader.Load(contentPath, sp.GetRequiredService<ILogger<FrameworkCatalog>>()));
        return services;
    }
}
