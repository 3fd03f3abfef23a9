using Npq.Core.Materials;

namespace Npq.Web.Features.Materials.Learn;

/// <summary>How the Learn pages name kinds of item.</summary>
public static class ItemLabels
{
    public static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.Page => "Reading",
        ItemKind.File => "File",
        ItemKind.Video => "Video",
        ItemKind.Link => "External link",
        ItemKind.Reflection => "Reflection",
        ItemKind.KnowledgeCheck => "Knowledge check",
        _ => kind.ToString(),
    };
}
