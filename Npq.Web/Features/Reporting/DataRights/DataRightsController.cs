using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reporting.DataRights;

/// <summary>The erasure page's model: the person found (if any) and what Npq holds about them.</summary>
public sealed record ErasurePageModel
{
    public string? Email { get; init; }
    public int? UserId { get; init; }
    public string? DisplayName { get; init; }
    public string? Problem { get; init; }
    public IReadOnlyList<(string Section, int Rows)> Holdings { get; init; } = [];
    public ErasureSummary? Done { get; init; }

    public static ErasurePageModel From(string? email, ErasureRequest request) => request.Done is { } done
        ? new ErasurePageModel { Done = done }
        : new ErasurePageModel
        {
            Email = email,
            UserId = request.Person?.Id,
            DisplayName = request.Person?.DisplayName,
            Holdings = request.Holdings,
            Problem = request.Problem,
        };
}

/// <summary>
/// Data rights (<see cref="DataRightsService"/>): anyone signed in downloads what Npq holds about them; a provider
/// admin erases a person of their provider on request (never themselves).
/// </summary>
public sealed class DataRightsController(DataRightsService dataRights, TimeProvider time) : Controller
{
    [HttpGet("my-data")]
    public IActionResult MyData() => View();

    [HttpGet("my-data/download")]
    public async Task<IActionResult> Download(CancellationToken cancellationToken)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await dataRights.WriteZipAsync(User.GetUserId(), temp, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        temp.Position = 0;
        return File(temp, "application/zip", $"npq-my-data-{time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip");
    }

    [Authorize(Roles = ReportingPermissions.ProviderAdmins)]
    [HttpGet("admin/erasure")]
    public IActionResult Erasure() => View(new ErasurePageModel());

    /// <summary>Finds the person by email (posted, so the address never sits in a URL, a log or the history).</summary>
    [Authorize(Roles = ReportingPermissions.ProviderAdmins)]
    [HttpPost("admin/erasure/find")]
    public async Task<IActionResult> Find([FromForm] string? email, CancellationToken cancellationToken) =>
        View(nameof(Erasure), ErasurePageModel.From(email, await dataRights.FindAsync(User.GetUserId(), email, cancellationToken)));

    [Authorize(Roles = ReportingPermissions.ProviderAdmins)]
    [HttpPost("admin/erasure")]
    public async Task<IActionResult> Erase([FromForm] string? email, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        var confirmed = string.Equals(confirm, "yes", StringComparison.Ordinal);
        return View(nameof(Erasure), ErasurePageModel.From(email, await dataRights.EraseOnRequestAsync(email, confirmed, this.Actor(), cancellationToken)));
    }
}
