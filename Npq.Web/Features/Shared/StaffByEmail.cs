using Microsoft.AspNetCore.Mvc;

namespace Npq.Web.Features.Shared;

/// <summary>
/// "Or someone else, by email address": the field beside a page's short list of people (a cohort's mentors, a
/// session's likely facilitators, a programme's editors), so that no page lists every member of the provider's staff.
/// The address is checked on the server by the use's own rule (<c>find</c>: an active member of the provider's staff
/// in the roles the use allows).
/// </summary>
internal static class StaffByEmail
{
    /// <summary>
    /// The person to use: <paramref name="chosen"/> (from the list) when no address is given, else the one
    /// <paramref name="find"/> returns for the address. An address that names nobody allowed is <paramref name="refusal"/>
    /// on <paramref name="field"/>, the address kept in <c>ViewData[<paramref name="viewDataKey"/>]</c> and the response a
    /// 400: the caller shows its page again and changes nothing (<c>Refused</c>).
    /// </summary>
    public static async Task<(bool Refused, int? UserId)> ResolveAsync(
        Controller controller, string field, string viewDataKey, string refusal, string? email, int? chosen, Func<string, Task<int?>> find)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return (false, chosen);
        }

        if (email.Length <= Npq.Core.Enrolment.EmailRule.MaxLength && await find(email) is { } userId)
        {
            return (false, userId);
        }

        controller.ModelState.AddModelError(field, refusal);
        controller.ViewData[viewDataKey] = email;
        controller.Response.StatusCode = StatusCodes.Status400BadRequest;
        return (true, null);
    }
}

/// <summary>
/// The email-address field of <see cref="StaffByEmail"/> as <c>_StaffEmailField.cshtml</c> shows it: posted as
/// <paramref name="Field"/>, what was typed shown again from <c>ViewData[<paramref name="Field"/>]</c>.
/// </summary>
public sealed record StaffEmailField(string Field, string Label, string Hint);
