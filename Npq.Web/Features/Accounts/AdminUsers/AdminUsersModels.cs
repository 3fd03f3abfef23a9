using System.ComponentModel.DataAnnotations;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Accounts.AdminUsers;

public sealed record UserListModel(string? Query, IReadOnlyList<UserWithRoles> Users, int Page, int PageCount, int Total, string? Notice)
{
    /// <summary>The shared pager under the list (the search kept in its links).</summary>
    public required Npq.Web.Features.Shared.PageLinks Pager { get; init; }

    /// <summary>More people match than were counted: <see cref="Total"/> is the count's limit.</summary>
    public bool MoreThanTotal { get; init; }
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

    /// <summary>What the admin typed to find the school (part of its name, or its URN); never saved.</summary>
    public string? SchoolQuery { get; init; }

    /// <summary>The search whose schools the page shows (hidden): a search typed since is not yet one the admin chose from.</summary>
    public string? SchoolSearched { get; init; }
}

/// <summary>
/// The invite form with the school part: the schools found for <see cref="InviteForm.SchoolQuery"/> and the school
/// already chosen (shown first, and chosen, whether or not the latest search found it).
/// </summary>
public sealed record InvitePage(InviteForm Form, SchoolSearch Search, SchoolOption? Chosen)
{
    /// <summary>The choices to show: the chosen school, then the schools found (without it again).</summary>
    public IReadOnlyList<SchoolOption> Choices { get; } =
        (Chosen is null ? [] : new[] { Chosen }).Concat(Search.Schools.Where(s => s.Id != Chosen?.Id)).ToList();

    /// <summary>Whether the radio buttons are shown: after a search, with a chosen school, or when the school chosen was refused.</summary>
    public bool ShowChoices(bool schoolRefused) => Search.Query is not null || Chosen is not null || schoolRefused;
}

public sealed record RolesForm
{
    public List<string> Roles { get; init; } = [];
}

public sealed record UserDetailModel(UserWithRoles User, string? SchoolName, bool IsSelf, bool InvitationPending, string? Notice);
