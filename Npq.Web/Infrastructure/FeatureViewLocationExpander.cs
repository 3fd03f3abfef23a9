using Microsoft.AspNetCore.Mvc.Razor;

namespace Npq.Web.Infrastructure;

/// <summary>Finds views beside their controller: <c>Features/{controller}/{view}.cshtml</c>, then <c>Features/Shared</c>.</summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        new[] { "/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml" }.Concat(viewLocations);

    public void PopulateValues(ViewLocationExpanderContext context)
    {
    }
}
