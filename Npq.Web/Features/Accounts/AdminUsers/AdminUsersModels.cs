using System.ComponentModel.DataAnnotations;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Accounts.AdminUsers;

public sealed record UserListModel(string? Query, IReadOnlyList<UserWithRoles> Users, int Page, int PageCount, int Total, string? Notice)
{
    /// <summary>The shared pager under the list (the search kept in its links).</summary>
    public required Npq.Web.Features.Shared.PageLinks Pager { get; init; }
}

public sealed record InviteForm
{
    [Required(ErrorMessage = "Enter the person's email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@school.org")]
    [StringLength(256, ErrorMessage = "The email address must be 256 characters or fewer")]
    public string? Email { get; init; }

    [Required(ErrorMessage = "Enter the person's name")]
    [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
    public string? DisplayName { get; init; }

    public List<string> Roles { get; init; } = [];

    public int? SchoolId { get; init; }
}

public sealed record InvitePage(InviteForm Form, IReadOnlyList<SchoolOption> Schools);

public sealed record RolesForm
{
    public List<string> Roles { get; init; } = [];
}

public sealed record UserDetailModel(UserWithRoles User, string? SchoolName, bool IsSelf, bool InvitationPending, string? Notice);
