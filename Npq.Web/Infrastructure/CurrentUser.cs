using System.Security.Claims;

namespace Npq.Web.Infrastructure;

/// <summary>
/// The claims Npq puts in its sign-in cookie: <see cref="ClaimTypes.NameIdentifier"/> is the user's id,
/// <see cref="ClaimTypes.Name"/> their display name, one <see cref="ClaimTypes.Role"/> per role.
/// </summary>
public static class CurrentUser
{
    /// <summary>The signed-in user's id; throws when called on an anonymous request (a programming error).</summary>
    public static int GetUserId(this ClaimsPrincipal user) =>
        user.TryGetUserId() ?? throw new InvalidOperationException("No signed-in user");

    public static int? TryGetUserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
