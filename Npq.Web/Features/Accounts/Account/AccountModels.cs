using System.ComponentModel.DataAnnotations;

namespace Npq.Web.Features.Accounts.Account;

public sealed record SignInForm
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@school.org")]
    [StringLength(256)]
    public string? Email { get; init; }

    [Required(ErrorMessage = "Enter your password")]
    [StringLength(512)]
    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }
}

public sealed record ForgotPasswordForm
{
    [Required(ErrorMessage = "Enter your email address")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@school.org")]
    [StringLength(256)]
    public string? Email { get; init; }
}

/// <summary>Choosing a new password from an emailed link (reset or invitation).</summary>
public sealed record SetPasswordForm
{
    public int UserId { get; init; }

    public string? Token { get; init; }

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(512)]
    public string? NewPassword { get; init; }

    [Required(ErrorMessage = "Enter the new password again")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same")]
    public string? ConfirmPassword { get; init; }
}

public sealed record ChangePasswordForm
{
    [Required(ErrorMessage = "Enter your current password")]
    [StringLength(512)]
    public string? CurrentPassword { get; init; }

    [Required(ErrorMessage = "Enter a new password")]
    [StringLength(512)]
    public string? NewPassword { get; init; }

    [Required(ErrorMessage = "Enter the new password again")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same")]
    public string? ConfirmPassword { get; init; }
}

public sealed record AccountSummary(string DisplayName, string Email, IReadOnlyList<string> Roles, string? Notice);
