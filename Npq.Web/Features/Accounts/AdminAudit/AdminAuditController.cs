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
    public async Task<IActionResult> Index([FromQuery(Name = "action")] string? actionName, string? user, string? from, string? to, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        // "action" is also MVC's route value, so the query parameter is bound by name explicitly.
        var view = await viewer.ViewAsync(providerId, new AuditQuery(actionName, user, from, to, page), ModelState.IsValid, cancellationToken);
        foreach (var error in view.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        return View(new AuditViewModel(view.Action, view.User, from, to, view.Page, view.PageCount, view.Total,
            view.Entries, view.Names, view.Actions));
    }
}

public sealed record AuditViewModel(
    string? Action,
    string? User,
    string? From,
    string? To,
    int Page,
    int PageCount,
    int Total,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<string> Actions)
{
    public string Describe(int? userId) => userId is null ? "—" : Names.TryGetValue(userId.Value, out var name) ? name : $"user {userId}";

    public string PageLink(int page) =>
        $"/admin/audit?action={Uri.EscapeDataString(Action ?? "")}&user={Uri.EscapeDataString(User ?? "")}&from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}&page={page}";
}
