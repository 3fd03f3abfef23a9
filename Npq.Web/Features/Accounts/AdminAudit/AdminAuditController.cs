using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Accounts.AdminAudit;

/// <summary>
/// The audit log for provider admins: their own provider's entries (<see cref="AuditLogViewer"/>), filtered by
/// action, person and dates (UTC days), newest first, paged.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/audit")]
public sealed class AdminAuditController(AuditLogViewer viewer, ViewerScope scope) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "action")] string? actionName, string? user, string? from, string? to, string? page, string? size, CancellationToken cancellationToken = default)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        // "action" is also MVC's route value, so the query parameter is bound by name explicitly. The page and its size
        // are read as text so that one that is not a number shows page 1 at the default size, like every paged list.
        var pageSize = Paging.Size(int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null);
        var pageNumber = Paging.Number(int.TryParse(page, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null);
        var view = await viewer.ViewAsync(providerId, new AuditQuery(actionName, user, from, to, pageNumber, pageSize), ModelState.IsValid, cancellationToken);
        foreach (var error in view.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        return View(new AuditViewModel(view.Action, view.User, from, to, view.Total, view.Entries, view.Names, view.Actions,
            new PageLinks("/admin/audit", [new("action", view.Action), new("user", view.User), new("from", from), new("to", to)], view.Page, pageSize, view.Total, "the audit log") { MoreThanTotal = view.MoreThanTotal })
        {
            MoreThanTotal = view.MoreThanTotal,
        });
    }
}

public sealed record AuditViewModel(
    string? Action,
    string? User,
    string? From,
    string? To,
    int Total,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<string> Actions,
    PageLinks Pager)
{
    /// <summary>True when the count stopped at its limit: the caption says "More than".</summary>
    public bool MoreThanTotal { get; init; }

    public string Describe(int? userId) => userId is null ? "—" : Names.TryGetValue(userId.Value, out var name) ? name : $"user {userId}";
}
