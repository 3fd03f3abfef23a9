using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Npq.Web.Infrastructure;

/// <summary>
/// Finds views beside their controller: a controller in namespace <c>Npq.Web.Features.Portfolio.Evidence</c> has its
/// views in <c>Features/Portfolio/Evidence/</c>; then <c>Features/Shared</c>.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string FeaturesNamespace = "Npq.Web.Features.";
    private const string FolderKey = "feature";

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var folder = context.Values.TryGetValue(FolderKey, out var value) ? value : null;
        var own = folder is null ? "/Features/{1}/{0}.cshtml" : "/Features/" + folder + "/{0}.cshtml";
        return new[] { own, "/Features/Shared/{0}.cshtml" }.Concat(viewLocations);
    }

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns
            && ns.StartsWith(FeaturesNamespace, StringComparison.Ordinal))
        {
            context.Values[FolderKey] = ns[FeaturesNamespace.Length..].Replace('.', '/');
        }
    }
}
