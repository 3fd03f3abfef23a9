using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.AdminUsers;

/// <summary>A provider admin's list of the provider's people: search, invite, roles, deactivate and reactivate.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/users")]
public sealed class AdminUsersController(UserDirectory directory, UserAdministration administration, IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? page, int? size, CancellationToken cancellationToken = default)
    {
        var admin = await directory.FindAsync(User.GetUserId(), cancellationToken);
        if (admin?.ProviderId is not { } providerId)
        {
            return Forbid();
        }

        var pageSize = Paging.Size(size);
        var result = await directory.SearchAsync(providerId, q, Paging.Number(page), pageSize, cancellationToken);
        return View(new UserListModel(result.Query, result.Users, result.Page, result.PageCount, result.Total, TempData["Notice"] as string)
        {
            MoreThanTotal = result.MoreThanTotal,
            Pager = new PageLinks("/admin/users", [new("q", result.Query)], result.Page, pageSize, result.Total, "users") { MoreThanTotal = result.MoreThanTotal },
        });
    }

    [HttpGet("invite")]
    public IActionResult Invite() =>
        View(new InvitePage(new InviteForm { Roles = [Roles.Candidate] }, SchoolSearch.None, null));

    [HttpPost("invite")]
    public async Task<IActionResult> Invite([Bind(Prefix = "Form")] InviteForm form, CancellationToken cancellationToken)
    {
        var admin = await directory.FindAsync(User.GetUserId(), cancellationToken);
        if (admin?.ProviderId is null)
        {
            return Forbid();
        }

        // A school search typed but never run was not a choice: the admin sees its schools before anything is sent.
        var typed = form.SchoolQuery?.Trim();
        if (!string.IsNullOrEmpty(typed) && typed != form.SchoolSearched?.Trim())
        {
            ModelState.AddModelError("Form.SchoolQuery", "Choose the school from the schools found below, or clear the school search to invite with no school");
        }

        if (ModelState.IsValid)
        {
            var invitation = new Invitation(form.Email!, form.DisplayName!, form.Roles, form.SchoolId);
            var (result, userId) = await administration.InviteAsync(admin, invitation, IpAddress, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = $"Invitation sent to {form.Email!.Trim()}.";
                return RedirectToAction(nameof(Details), new { id = userId });
            }

            ModelState.AddModelError("Form." + result.Field, result.Message!);
        }

        return await InviteAgainAsync(form, cancellationToken);
    }

    /// <summary>
    /// "Find school": the same form posted to find the school typed, shown again with everything kept and the schools
    /// found as choices. Nothing is checked or saved: the person's fields are checked when the invitation is sent.
    /// </summary>
    [HttpPost("invite/find-school")]
    public async Task<IActionResult> FindSchool([Bind(Prefix = "Form")] InviteForm form, CancellationToken cancellationToken)
    {
        var admin = await directory.FindAsync(User.GetUserId(), cancellationToken);
        if (admin?.ProviderId is null)
        {
            return Forbid();
        }

        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(form.SchoolQuery))
        {
            ModelState.AddModelError("Form.SchoolQuery", "Type part of the school's name, or its URN, to find it");
        }

        return await InviteAgainAsync(form, cancellationToken);
    }

    /// <summary>
    /// The school choices alone, for the form's script (schools found as the admin types): the same fieldset "Find
    /// school" shows, with the school already chosen kept first.
    /// </summary>
    [HttpGet("invite/schools")]
    public async Task<IActionResult> Schools(string? q, int? chosen, CancellationToken cancellationToken)
    {
        var admin = await directory.FindAsync(User.GetUserId(), cancellationToken);
        if (admin?.ProviderId is null)
        {
            return Forbid();
        }

        var search = await directory.FindSchoolsAsync(q, cancellationToken);
        var school = chosen is { } schoolId ? await directory.GetSchoolAsync(schoolId, cancellationToken) : null;
        return PartialView("_SchoolChoices", new InvitePage(new InviteForm { SchoolId = school?.Id, SchoolQuery = search.Query, SchoolSearched = search.Query }, search, school));
    }

    /// <summary>The invite form again: the schools found for what is typed, the school chosen shown first and chosen.</summary>
    private async Task<IActionResult> InviteAgainAsync(InviteForm form, CancellationToken cancellationToken)
    {
        var search = await directory.FindSchoolsAsync(form.SchoolQuery, cancellationToken);
        var chosen = form.SchoolId is { } schoolId ? await directory.GetSchoolAsync(schoolId, cancellationToken) : null;

        // The view writes the school's fields from this model (the search as it was run), not from what was posted.
        return View(nameof(Invite), new InvitePage(form with { SchoolQuery = search.Query, SchoolSearched = search.Query, SchoolId = chosen?.Id }, search, chosen));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var user = await ManagedAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        return View(await DetailAsync(user, cancellationToken));
    }

    [HttpPost("{id:int}/roles")]
    public Task<IActionResult> SaveRoles(int id, RolesForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, (admin, user) => administration.SetRolesAsync(admin, user, form.Roles, IpAddress, cancellationToken), "Roles saved. The person's other sessions have ended.", cancellationToken);

    [HttpPost("{id:int}/deactivate")]
    public Task<IActionResult> Deactivate(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (admin, user) => administration.SetActiveAsync(admin, user, false, IpAddress, cancellationToken), "Account deactivated. The person is signed out and cannot sign in.", cancellationToken);

    [HttpPost("{id:int}/reactivate")]
    public Task<IActionResult> Reactivate(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (admin, user) => administration.SetActiveAsync(admin, user, true, IpAddress, cancellationToken), "Account reactivated.", cancellationToken);

    [HttpPost("{id:int}/resend-invitation")]
    public Task<IActionResult> ResendInvitation(int id, CancellationToken cancellationToken) =>
        ChangeAsync(id, (admin, user) => administration.ResendInvitationAsync(admin, user, IpAddress, cancellationToken), "Invitation sent again.", cancellationToken);

    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> ChangeAsync(int id, Func<AppUser, AppUser, Task<AdminResult>> change, string notice, CancellationToken cancellationToken)
    {
        var user = await ManagedAsync(id, cancellationToken);
        var admin = await directory.FindAsync(User.GetUserId(), cancellationToken);
        if (user is null || admin is null)
        {
            return NotFound();
        }

        var result = await change(admin, user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field ?? string.Empty, result.Message!);
            var fresh = await directory.FindAsync(id, cancellationToken) ?? user;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Details), await DetailAsync(fresh, cancellationToken));
        }

        TempData["Notice"] = notice;
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The user when this admin may manage them; otherwise null (shown as 404, so ids reveal nothing).</summary>
    private async Task<AppUser?> ManagedAsync(int id, CancellationToken cancellationToken)
    {
        var user = await directory.FindAsync(id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var allowed = await authorization.AuthorizeAsync(User, new ManagedUser(user.Id, user.ProviderId), ManagedUserOperations.Manage);
        return allowed.Succeeded ? user : null;
    }

    private async Task<UserDetailModel> DetailAsync(AppUser user, CancellationToken cancellationToken)
    {
        var detail = await directory.DetailAsync(user, User.GetUserId(), cancellationToken);
        return new UserDetailModel(detail.User, detail.SchoolName, detail.IsSelf, detail.InvitationPending, TempData["Notice"] as string);
    }
}
