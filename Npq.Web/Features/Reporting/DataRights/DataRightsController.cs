using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
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
}

/// <summary>
/// Data rights: anyone signed in downloads what Npq holds about them; a provider admin erases a person of their
/// provider on request (never themselves).
/// </summary>
public sealed class DataRightsController(
    DataRightsService dataRights,
    IUserRepository users,
    IRelationships relationships,
    TimeProvider time,
    ILogger<DataRightsController> logger) : Controller
{
    [HttpGet("my-data")]
    public IActionResult MyData() => View();

    [HttpGet("my-data/download")]
    public async Task<IActionResult> Download(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await dataRights.WriteZipAsync(userId, temp, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        temp.Position = 0;
        logger.LogInformation("User {UserId} downloaded their personal data", userId);
        return File(temp, "application/zip", $"npq-my-data-{time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip");
    }

    [Authorize(Roles = Roles.ProviderAdmin)]
    [HttpGet("admin/erasure")]
    public IActionResult Erasure() => View(new ErasurePageModel());

    /// <summary>Finds the person by email (posted, so the address never sits in a URL, a log or the history).</summary>
    [Authorize(Roles = Roles.ProviderAdmin)]
    [HttpPost("admin/erasure/find")]
    public async Task<IActionResult> Find([FromForm] string? email, CancellationToken cancellationToken)
    {
        var (target, problem) = await FindErasableAsync((email ?? string.Empty).Trim(), cancellationToken);
        if (target is null)
        {
            return View(nameof(Erasure), new ErasurePageModel { Email = email, Problem = problem });
        }

        return View(nameof(Erasure), new ErasurePageModel
        {
            Email = email,
            UserId = target.Id,
            DisplayName = target.DisplayName,
            Holdings = await dataRights.SummariseAsync(target.Id, cancellationToken),
        });
    }

    [Authorize(Roles = Roles.ProviderAdmin)]
    [HttpPost("admin/erasure")]
    public async Task<IActionResult> Erase([FromForm] string? email, [FromForm] string? confirm, CancellationToken cancellationToken)
    {
        var (target, problem) = await FindErasableAsync((email ?? string.Empty).Trim(), cancellationToken);
        if (target is null)
        {
            return View(nameof(Erasure), new ErasurePageModel { Email = email, Problem = problem });
        }

        if (!string.Equals(confirm, "yes", StringComparison.Ordinal))
        {
            return View(nameof(Erasure), new ErasurePageModel
            {
                Email = email,
                UserId = target.Id,
                DisplayName = target.DisplayName,
                Holdings = await dataRights.SummariseAsync(target.Id, cancellationToken),
                Problem = "Tick the box to confirm that the person asked for erasure and you have checked who they are.",
            });
        }

        var summary = await dataRights.EraseAsync(target.Id, User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return View(nameof(Erasure), new ErasurePageModel { Done = summary });
    }

    private async Task<(AppUser? User, string? Problem)> FindErasableAsync(string email, CancellationToken cancellationToken)
    {
        const string notFound = "No person of your provider has that email address.";
        if (email.Length is 0 or > 256)
        {
            return (null, "Enter the email address of the person to erase.");
        }

        var target = await users.FindByNormalizedEmailAsync(email.ToUpperInvariant(), cancellationToken);
        var adminId = User.GetUserId();
        if (target is null || !await relationships.IsProviderAdminOfAsync(adminId, target.Id, cancellationToken))
        {
            return (null, notFound);
        }

        return target.Id == adminId ? (null, "You cannot erase your own account; ask another admin.") : (target, null);
    }
}
