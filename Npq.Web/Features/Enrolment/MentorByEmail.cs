using Microsoft.AspNetCore.Mvc;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment;

/// <summary>
/// "Or another of your mentors, by email address": the field beside a page's short list of mentors (a cohort's
/// candidates, an enrolment, an application's acceptance), which lists only the mentors already there rather than
/// every mentor of the provider. One use of <see cref="StaffByEmail"/>.
/// </summary>
internal static class MentorByEmail
{
    public const string Field = "mentorEmail";

    /// <summary>
    /// The mentor to use: the one chosen from the list when no address is given, else the active mentor of the provider
    /// with that address (<paramref name="find"/>). An address that names none is a message on the field, the address
    /// kept and the response a 400: the caller shows its page again and changes nothing (<c>Refused</c>).
    /// </summary>
    public static Task<(bool Refused, int? MentorUserId)> ResolveAsync(Controller controller, string? mentorEmail, int? chosen, Func<string, Task<int?>> find) =>
        StaffByEmail.ResolveAsync(controller, Field, "MentorEmail", "None of your active mentors has that email address.", mentorEmail, chosen, find);
}
