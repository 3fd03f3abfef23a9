using Microsoft.AspNetCore.Mvc;
using Npq.Core.Materials;

namespace Npq.Web.Features.Materials.Authoring;

/// <summary>The images a course's pages show: only to the course's editors and the candidates studying a cohort of it.</summary>
[Route("materials/assets")]
public sealed class MaterialAssetsController(ProgrammeAuthoring authoring, MaterialsAccess access) : Controller
{
    [HttpGet("{assetId:int}")]
    public async Task<IActionResult> Show(int assetId, CancellationToken cancellationToken)
    {
        var asset = await authoring.ImageAsync(assetId, cancellationToken);
        if (asset is null || !await access.MaySeeImagesAsync(User, asset.CourseId))
        {
            return NotFound();
        }

        var found = await authoring.OpenImageAsync(asset.CourseId, assetId, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, max-age=3600";
        return File(found.Value.Content, found.Value.Asset.ContentType);
    }
}
